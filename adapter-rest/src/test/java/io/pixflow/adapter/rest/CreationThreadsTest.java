package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.in.CreatePayment;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A create waiting for the store holds one of the creation threads, not one of the HTTP server's workers. */
class CreationThreadsTest {

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
        CountDownLatch allWaiting = new CountDownLatch(CREATES_AT_ONCE);
        // Each create goes on only once all of them are inside: with creates run on the HTTP workers, only two
        // would ever be inside, and every one would give up after its wait with a 500.
        CreatePayment waitingForTheOthers = command -> {
            allWaiting.countDown();
            try {
                if (!allWaiting.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the other creates never arrived");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return app.payments.create(command);
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
}
