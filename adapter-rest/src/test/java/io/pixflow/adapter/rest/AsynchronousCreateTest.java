package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.in.CreatePayment;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A create waiting for the store holds none of the HTTP server's workers: they go on serving other requests. */
class AsynchronousCreateTest {

    private static final int HTTP_WORKERS = 2;
    private static final int CREATES_AT_ONCE = 8;

    private final PaymentApp app = new PaymentApp();
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void moreCreatesThanHttpWorkersCanWaitForTheStoreAtTheSameTime() throws Exception {
        CountDownLatch arrived = new CountDownLatch(CREATES_AT_ONCE);
        CompletableFuture<Void> allArrived = new CompletableFuture<>();
        // No create is stored before all of them have arrived: were a create to hold its HTTP worker while it
        // waits, only two would ever arrive, and none would be answered.
        CreatePayment waitingForTheOthers = command -> {
            arrived.countDown();
            if (arrived.getCount() == 0) {
                allArrived.complete(null);
            }
            return allArrived.thenCompose(all -> app.payments.create(command));
        };
        RestApi api = new RestApi(waitingForTheOthers, app.payments, app.payments, app.payments, app.qrCodes,
                app.transfers, new PaymentJson(app.clock, null), Map.of(),
                RestSecurity.sandbox().withCreationRateLimit(new RateLimit(1_000, 1_000)), app.clock);
        server = TestServer.serving(api.components(), HTTP_WORKERS);

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < CREATES_AT_ONCE; i++) {
            responses.add(server.postJsonAsync("payments/pix", "{\"value\": 15.00}"));
        }

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> created = response.get(30, TimeUnit.SECONDS);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = json(created).get("payment").get("id").asText();
            assertThat(app.repository.findById(new PaymentId(id))).isPresent();
        }
    }

    @Test
    void aCreateThatFailsInTheStoreIsAnsweredWithItsProblem() throws Exception {
        // Failing on another thread, as a store does: the stage's dependents see the failure wrapped.
        CreatePayment storeDown = command -> CompletableFuture.supplyAsync(() -> {
            throw new PaymentStoreUnavailableException("payment store unavailable: could not store payment", null);
        });
        RestApi api = new RestApi(storeDown, app.payments, app.payments, app.payments, app.qrCodes,
                app.transfers, new PaymentJson(app.clock, null), Map.of(),
                RestSecurity.sandbox().withCreationRateLimit(new RateLimit(1_000, 1_000)), app.clock);
        server = TestServer.serving(api.components(), HTTP_WORKERS);

        HttpResponse<String> response = server.postJsonAsync("payments/pix", "{\"value\": 15.00}")
                .get(30, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("code").asText()).isEqualTo("service_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
    }
}
