package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two PixFlow nodes on one PostgreSQL, as behind a load balancer without sticky sessions: the payer's page is on
 * node A, the bank's confirmation lands on node B.
 */
class TwoNodesOnPostgresTest {

    /** Periodic re-announce (2 s) plus a query and a push: how long a page on A can miss an outcome. */
    private static final Duration STALENESS_BOUND = Duration.ofSeconds(5);

    @Test
    void aConfirmationOnBReachesTheSubscriberOnA() throws Exception {
        String database = TestPostgres.shared().newDatabase();
        try (PixFlowServer a = PixFlowServer.start(TestServers.on(database));
             PixFlowServer b = PixFlowServer.start(TestServers.on(database))) {
            Api onA = new Api(a.port());
            Api onB = new Api(b.port());
            List<Long> latencies = new ArrayList<>();

            for (int i = 0; i < 100; i++) {
                JsonNode payment = onA.createPayment("{\"value\": 25}");
                try (Subscriber page = Subscriber.to(a.port(), payment.get("id").asText())) {
                    page.next();
                    long sent = System.nanoTime();

                    assertThat(onB.confirm(payment, "25").status()).isEqualTo(200);

                    JsonNode event = page.next();
                    latencies.add((System.nanoTime() - sent) / 1_000);
                    assertThat(event.get("type").asText()).isEqualTo("confirmed");
                }
            }

            Collections.sort(latencies);
            // Reported, not asserted: timings on a shared machine belong in the benchmarks, not in a test.
            System.out.printf("two nodes, confirmation on B -> event on A, 100 runs: median %.1f ms, worst %.1f ms%n",
                    latencies.get(49) / 1000.0, latencies.get(99) / 1000.0);
        }
    }

    @Test
    void whenAsListenerConnectionIsKilledItsPagesStillLearnTheOutcomeWithinTheBound() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.newDatabase();
        try (PixFlowServer a = PixFlowServer.start(TestServers.on(database));
             PixFlowServer b = PixFlowServer.start(TestServers.on(database))) {
            JsonNode payment = new Api(a.port()).createPayment("{\"value\": 30}");
            try (Subscriber page = Subscriber.to(a.port(), payment.get("id").asText())) {
                page.next();

                postgres.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'pixflow-payment-changes' AND datname = '"
                        + database.substring(database.lastIndexOf('/') + 1) + "'");
                long sent = System.nanoTime();
                assertThat(new Api(b.port()).confirm(payment, "30").status()).isEqualTo(200);

                JsonNode event = page.next();
                Duration waited = Duration.ofNanos(System.nanoTime() - sent);
                assertThat(event.get("type").asText()).isEqualTo("confirmed");
                assertThat(waited).isLessThan(STALENESS_BOUND);
            }
            // And the listener is back: the next change on B reaches A the fast way again.
            JsonNode next = new Api(a.port()).createPayment("{\"value\": 31}");
            try (Subscriber page = Subscriber.to(a.port(), next.get("id").asText())) {
                page.next();
                new Api(b.port()).confirm(next, "31");
                assertThat(page.next().get("type").asText()).isEqualTo("confirmed");
            }
        }
    }

    @Test
    void whilePostgresIsDownRequestsGet503AndAfterItIsBackNothingIsLost(@TempDir Path pgData) throws Exception {
        try (TestPostgres postgres = TestPostgres.own(pgData)) {
            int port = postgres.port();
            String database = postgres.newDatabase();
            try (PixFlowServer node = PixFlowServer.start(TestServers.on(database))) {
                Api api = new Api(node.port());
                JsonNode paidBefore = api.createPayment("{\"value\": 40}");
                assertThat(api.confirm(paidBefore, "40").status()).isEqualTo(200);
                JsonNode pending = api.createPayment("{\"value\": 41}");

                postgres.stop();

                await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                        assertThat(api.get("health", "application/json").status()).isEqualTo(503));
                Api.Reply create = api.post("payments/pix", "{\"value\": 42}");
                assertThat(create.status()).isEqualTo(503);
                assertThat(create.json().get("code").asText()).isEqualTo("service_unavailable");
                assertThat(api.confirm(pending, "41").status()).isEqualTo(503);

                postgres.restart(port);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(api.get("health", "application/json").status()).isEqualTo(200));
                assertThat(api.payment(paidBefore.get("id").asText()).get("status").asText()).isEqualTo("PAID");
                assertThat(api.payment(pending.get("id").asText()).get("status").asText()).isEqualTo("PENDING");
                assertThat(api.confirm(pending, "41").status()).isEqualTo(200);
                assertThat(api.post("payments/pix", "{\"value\": 42}").status()).isEqualTo(201);
            }
        }
    }
}
