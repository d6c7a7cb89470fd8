package io.pixflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real server, started from its jar in another process. */
class PixFlowClientTest {

    @TempDir
    static Path data;

    private static PixFlowServerProcess server;
    private static PixFlowClient client;

    @BeforeAll
    static void start() throws Exception {
        server = PixFlowServerProcess.start(data);
        client = new PixFlowClient(server.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createsAPaymentWithItsBrCodeAndPage() {
        PixPayment payment = client.create(new BigDecimal("15.5"));

        assertThat(payment.id()).matches("[A-Za-z0-9]{25}");
        assertThat(payment.value()).isEqualByComparingTo("15.50");
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.pixCopyPaste()).contains("540515.50").contains(payment.id());
        assertThat(payment.pageUrl()).isEqualTo(server.baseUrl().resolve("payments/pix/" + payment.id()));
        assertThat(client.find(payment.id())).isEqualTo(payment);
    }

    @Test
    void awaitsTheConfirmationAsItHappens() throws Exception {
        PixPayment payment = client.create(new BigDecimal("20.00"));
        CompletableFuture<PaymentStatus> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return client.awaitFinalStatus(payment.id(), Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        confirmAsTheBank(payment, "20.00");

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(PaymentStatus.PAID);
        assertThat(client.find(payment.id()).paidAt()).isNotNull();
    }

    @Test
    void returnsAtOnceForAPaymentThatAlreadyEnded() throws Exception {
        PixPayment payment = client.create(new BigDecimal("1.00"));
        confirmAsTheBank(payment, "1.00");

        assertThat(client.awaitFinalStatus(payment.id(), Duration.ofSeconds(10))).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void timesOutWhileThePaymentIsStillPending() {
        PixPayment payment = client.create(new BigDecimal("2.00"));

        assertThatThrownBy(() -> client.awaitFinalStatus(payment.id(), Duration.ofMillis(700)))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void reportsTheServersReasonForARefusal() {
        assertThatThrownBy(() -> client.create(new BigDecimal("1.001")))
                .isInstanceOfSatisfying(PixFlowException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_value");
                    assertThat(e.getMessage()).contains("2 decimal");
                });
        assertThatThrownBy(() -> client.awaitFinalStatus("AAAAAAAAAAAAAAAAAAAAAAAAA", Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(PixFlowException.class, e -> assertThat(e.code()).isEqualTo("payment_not_found"));
    }

    @Test
    void anUnreachableServerIsAClearError() {
        try (PixFlowClient nowhere = new PixFlowClient(URI.create("http://127.0.0.1:1/"), null, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> nowhere.create(BigDecimal.TEN))
                    .isInstanceOfSatisfying(PixFlowException.class, e -> assertThat(e.code()).isEqualTo("unreachable"));
        }
    }

    private static void confirmAsTheBank(PixPayment payment, String value) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(server.baseUrl().resolve("payments/pix/confirmation"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"bank_payment_id\": \"" + payment.bankPaymentId()
                                + "\", \"value\": " + value + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
