package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.TransferOutcome;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** {@code POST /webhooks/pix}, the API Pix callback, in sandbox mode (signatures are BankSignatureTest's). */
class PixWebhookTest {

    private static final String GOOD = "E00000000202611290436goodtransfr";
    private static final String SHORT = "E00000000202611290437shortpaymnt";
    private static final String STRANGER = "E00000000202611290438strangertxd";

    private final PaymentApp app = new PaymentApp();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.serving(app.restApi().components());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String createPayment() {
        return json(server.postJson("payments/pix", "{\"value\": 1500}")).get("payment").get("id").asText();
    }

    private Payment payment(String id) {
        return app.payments.byId(new PaymentId(id)).orElseThrow();
    }

    private static String transfer(String endToEndId, String txid, String valor) {
        return "{\"endToEndId\": \"" + endToEndId + "\", \"txid\": \"" + txid + "\", \"valor\": \"" + valor
                + "\", \"horario\": \"2026-11-29T04:36:00.358Z\"}";
    }

    private static String notification(String... transfers) {
        return "{\"pix\": [" + String.join(", ", transfers) + "]}";
    }

    private HttpResponse<String> notify(String body) {
        return server.postJson("webhooks/pix", body);
    }

    private static JsonNode received(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("message").asText()).isEqualTo("The notifications have been received");
        return body.get("received");
    }

    @Test
    void aBatchConfirmsTheGoodTransferAndReportsTheOthers() {
        String paid = createPayment();
        String shortPaid = createPayment();
        String batch = notification(
                transfer(GOOD, paid, "1500.00"),
                transfer(SHORT, shortPaid, "1499.99"),
                transfer(STRANGER, "NoSuchPaymentAnywhere0001", "10.00"));

        HttpResponse<String> response = notify(batch);

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"message\":\"The notifications have been received\",\"received\":["
                + "{\"endToEndId\":\"" + GOOD + "\",\"txid\":\"" + paid + "\",\"outcome\":\"confirmed\","
                + "\"redelivered\":false},"
                + "{\"endToEndId\":\"" + SHORT + "\",\"txid\":\"" + shortPaid + "\",\"outcome\":\"amount_mismatch\","
                + "\"redelivered\":false},"
                + "{\"endToEndId\":\"" + STRANGER + "\",\"txid\":\"NoSuchPaymentAnywhere0001\","
                + "\"outcome\":\"payment_not_found\",\"redelivered\":false}]}");
        assertThat(payment(paid).status().name()).isEqualTo("PAID");
        assertThat(payment(paid).paidAt()).isEqualTo(Instant.parse("2026-11-29T04:35:00Z"));
        assertThat(payment(shortPaid).status().name()).isEqualTo("PENDING");
    }

    @Test
    void theSameBatchAgainIsAcknowledgedAsRedeliveredAndChangesNothing() {
        String paid = createPayment();
        String shortPaid = createPayment();
        String batch = notification(
                transfer(GOOD, paid, "1500.00"),
                transfer(SHORT, shortPaid, "1499.99"),
                transfer(STRANGER, "NoSuchPaymentAnywhere0001", "10.00"));
        notify(batch);
        Payment afterFirst = payment(paid);
        app.clock.advance(Duration.ofMinutes(1));

        JsonNode again = received(notify(batch));

        assertThat(again).extracting(r -> r.get("outcome").asText())
                .containsExactly("confirmed", "amount_mismatch", "payment_not_found");
        assertThat(again).allSatisfy(r -> assertThat(r.get("redelivered").asBoolean()).isTrue());
        assertThat(payment(paid)).isEqualTo(afterFirst);
        assertThat(payment(shortPaid).status().name()).isEqualTo("PENDING");
    }

    @Test
    void aSecondTransferForAPaidPaymentIsReportedAsAlreadyPaid() {
        String id = createPayment();
        notify(notification(transfer(GOOD, id, "1500.00")));

        JsonNode report = received(notify(notification(transfer(SHORT, id, "1500.00"))));

        assertThat(report.get(0).get("outcome").asText()).isEqualTo("already_paid");
        assertThat(app.transferLog.outcomeOf(SHORT)).hasValue(TransferOutcome.ALREADY_PAID);
    }

    @Test
    void transfersForExpiredAndCancelledPaymentsAreReported() {
        String cancelled = createPayment();
        server.delete("payments/pix/" + cancelled);
        String expired = createPayment();
        app.clock.advance(Duration.ofMinutes(31));
        String late = "{\"endToEndId\": \"" + SHORT + "\", \"txid\": \"" + expired
                + "\", \"valor\": \"1500.00\", \"horario\": \"2026-11-29T05:06:00Z\"}";

        JsonNode report = received(notify(notification(transfer(GOOD, cancelled, "1500.00"), late)));

        assertThat(report).extracting(r -> r.get("outcome").asText())
                .containsExactly("payment_cancelled", "payment_expired");
    }

    @Test
    void aTimeWithAnOffsetIsReadAsTheInstantItNames() {
        String id = createPayment();
        String transfer = "{\"endToEndId\": \"" + GOOD + "\", \"txid\": \"" + id
                + "\", \"valor\": \"1500.00\", \"horario\": \"2026-11-29T01:34:00-03:00\"}";
        app.clock.advance(Duration.ofMinutes(2));

        received(notify(notification(transfer)));

        assertThat(payment(id).paidAt()).isEqualTo(Instant.parse("2026-11-29T04:34:00Z"));
    }

    @Test
    void theFieldsOfTheBanksCallbackThatPixFlowDoesNotReadAreIgnored() {
        String id = createPayment();
        String transfer = "{\"endToEndId\": \"" + GOOD + "\", \"txid\": \"" + id + "\", \"valor\": \"1500.00\","
                + " \"chave\": \"123e4567-e12b-12d1-a456-426655440000\", \"horario\": \"2026-11-29T04:36:00Z\","
                + " \"infoPagador\": \"pedido 42\", \"devolucoes\": [], \"componentesValor\": {\"original\":"
                + " {\"valor\": \"1500.00\"}}}";

        JsonNode report = received(notify("{\"pix\": [" + transfer + "], \"parametros\": {}}"));

        assertThat(report.get(0).get("outcome").asText()).isEqualTo("confirmed");
    }

    @Test
    void aTransferWithoutTxidPaysNothingAndIsReported() {
        String transfer = "{\"endToEndId\": \"" + GOOD + "\", \"valor\": \"5.00\", \"horario\": \"2026-11-29T04:36:00Z\"}";

        JsonNode report = received(notify(notification(transfer)));

        assertThat(report.get(0).get("outcome").asText()).isEqualTo("payment_not_found");
        assertThat(report.get(0).get("txid").isNull()).isTrue();
        assertThat(app.transferLog.outcomeOf(GOOD)).hasValue(TransferOutcome.PAYMENT_NOT_FOUND);
    }

    @Test
    void unreadableTransfersAreReportedInvalidWhileTheReadableOnesAreProcessed() {
        String id = createPayment();
        List<String> unreadable = List.of(
                "{\"endToEndId\": \"E1\", \"txid\": \"abc\", \"valor\": \"1.00\", \"horario\": \"2026-11-29T04:36:00Z\"}",
                "{\"endToEndId\": \"" + SHORT + "\", \"txid\": \"abc\", \"valor\": 1500.00, \"horario\": \"2026-11-29T04:36:00Z\"}",
                "{\"endToEndId\": \"" + SHORT + "\", \"txid\": \"abc\", \"valor\": \"15.001\", \"horario\": \"2026-11-29T04:36:00Z\"}",
                "{\"endToEndId\": \"" + SHORT + "\", \"txid\": \"abc\", \"valor\": \"1,50\", \"horario\": \"2026-11-29T04:36:00Z\"}",
                "{\"endToEndId\": \"" + SHORT + "\", \"txid\": \"abc\", \"valor\": \"1.00\", \"horario\": \"2026-11-29T04:36:00\"}",
                "{\"endToEndId\": \"" + SHORT + "\", \"txid\": \"abc\", \"valor\": \"1.00\"}",
                "{\"endToEndId\": \"" + SHORT + "\", \"txid\": 42, \"valor\": \"1.00\", \"horario\": \"2026-11-29T04:36:00Z\"}",
                "{\"txid\": \"abc\", \"valor\": \"1.00\", \"horario\": \"2026-11-29T04:36:00Z\"}",
                "\"E00000000202611290437shortpaymnt\"");
        List<String> transfers = new ArrayList<>(unreadable);
        transfers.add(transfer(GOOD, id, "1500.00"));
        String batch = notification(transfers.toArray(String[]::new));

        JsonNode report = received(notify(batch));

        assertThat(report).hasSize(unreadable.size() + 1);
        assertThat(report).extracting(r -> r.path("detail").asText()).containsExactly(
                "endToEndId must be the transfer's 32-character end-to-end id",
                "valor must be a JSON string",
                "valor must have at most 2 decimal places",
                "valor must be a decimal number such as 1500.00",
                "horario must be an ISO-8601 date and time with an offset, such as 2020-09-09T20:15:00.358Z",
                "horario is required",
                "txid must be a JSON string",
                "endToEndId is required",
                "each transfer in pix must be a JSON object",
                "");
        assertThat(report.get(0).get("outcome").asText()).isEqualTo("invalid");
        assertThat(report.get(0).get("endToEndId").asText()).isEqualTo("E1");
        assertThat(report.get(0).get("redelivered").asBoolean()).isFalse();
        assertThat(report.get(unreadable.size()).get("outcome").asText()).isEqualTo("confirmed");
        assertThat(report.get(unreadable.size()).has("detail")).isFalse();
        assertThat(payment(id).status().name()).isEqualTo("PAID");
        assertThat(app.transferLog.outcomeOf(SHORT)).isEmpty();
    }

    @Test
    void unreadableTransfersAreLoggedOnceForTheOperatorWithoutTheSendersText() {
        Logger log = (Logger) LoggerFactory.getLogger(PixWebhookResource.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            String forged = "{\"endToEndId\": \"x\\n12:00:00 ERROR forged line\", \"valor\": \"1.00\","
                    + " \"horario\": \"2026-11-29T04:36:00Z\"}";

            received(notify(notification(forged, forged, "{}")));

            assertThat(logged.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("WARN");
                assertThat(event.getFormattedMessage())
                        .contains("3 of 3", "endToEndId must be the transfer's 32-character end-to-end id")
                        .doesNotContain("forged");
            });
        } finally {
            log.detachAppender(logged);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{}",
        "[]",
        "null",
        "\"pix\"",
        "{\"pix\": null}",
        "{\"pix\": \"E1\"}",
        "{\"pix\": {\"endToEndId\": \"E1\"}}",
        "{\"pix\": []}",
        "{\"pix\": [], \"pix\": []}"
    })
    void aBodyThatIsNotANotificationIsABadRequest(String body) {
        HttpResponse<String> response = notify(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asText()).isIn("invalid_value", "malformed_json");
    }

    @Test
    void aBatchOfMoreThanAThousandTransfersIsABadRequest() {
        String body = notification(Collections.nCopies(1001, "{}").toArray(String[]::new));

        HttpResponse<String> response = notify(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").asText()).isEqualTo("pix must be an array of 1 to 1000 transfers");
    }

    @Test
    void aThousandIsStillOneBatch() {
        String body = notification(Collections.nCopies(1000, "{}").toArray(String[]::new));

        JsonNode report = received(notify(body));

        assertThat(report).hasSize(1000).allSatisfy(r -> assertThat(r.get("outcome").asText()).isEqualTo("invalid"));
    }
}
