package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.testing.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Racing requests against the whole server: every payment ends in exactly one final state with one event. */
class RacesEndToEndTest {

    @TempDir
    static Path data;

    private static final TestClock CLOCK = new TestClock(Instant.now());
    private static PixFlowServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = PixFlowServer.start(TestServers.sandbox(data), CLOCK);
        api = new Api(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fiftyIdenticalConfirmationsAtOnceMakeOneTransitionAndOneEventAndAllSucceed() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500}");
        try (Subscriber page = Subscriber.to(server.port(), payment.get("id").asText())) {
            page.next();

            List<Integer> statuses = race(50, () -> api.confirm(payment, "1500").status());

            assertThat(statuses).containsOnly(200);
            assertThat(page.next().get("type").asText()).isEqualTo("confirmed");
            // A second transition would have published a second event; the periodic re-announce (every 2 s)
            // also falls inside this window and must be dropped as already known.
            assertThat(page.nextWithin(3_000)).isNull();
        }
    }

    @Test
    void aConfirmationRacingExpiryAtTheBoundaryEndsInExactlyOneFinalStateEveryTime() throws Exception {
        for (int round = 0; round < 20; round++) {
            JsonNode payment = api.createPayment("{\"value\": 10, \"expires_in\": 60}");
            Instant expiresAt = Instant.parse(payment.get("expires_at").asText());
            CLOCK.set(expiresAt.minusMillis(1));
            try (Subscriber page = Subscriber.to(server.port(), payment.get("id").asText())) {
                page.next();

                List<Integer> outcome = race(2, () -> api.confirm(payment, "10").status(), () -> {
                    CLOCK.set(expiresAt);
                    return 0;
                });

                JsonNode event = page.next();
                String finalStatus = event.get("payment").get("status").asText();
                assertThat(finalStatus).isIn("PAID", "EXPIRED");
                assertThat(outcome.get(0)).isEqualTo(finalStatus.equals("PAID") ? 200 : 410);
                assertThat(api.payment(payment.get("id").asText()).get("status").asText()).isEqualTo(finalStatus);
                assertThat(page.nextWithin(300)).as("one final state, one event").isNull();
            }
        }
    }

    @SafeVarargs
    private static List<Integer> race(int threads, Callable<Integer>... tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Integer> task = tasks[i % tasks.length];
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

}
