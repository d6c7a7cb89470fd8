package io.pixflow.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T04:35:00Z"));

    @Test
    void remembersNoMoreThanItsLimitOfClients() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, 5), 3, clock);

        for (int client = 0; client < 10; client++) {
            buckets.take("198.51.100." + client);
        }

        assertThat(buckets.trackedClients()).isEqualTo(3);
    }

    @Test
    void forgetsClientsWhoseBucketsHaveRefilled() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, 5), 1000, clock);
        buckets.take("198.51.100.1");
        buckets.take("198.51.100.2");
        clock.advance(Duration.ofSeconds(4));
        buckets.take("198.51.100.3");
        clock.advance(Duration.ofSeconds(1));

        buckets.take("198.51.100.4");

        // .1 and .2 were full again after 5 s and dropped; .3 is still refilling.
        assertThat(buckets.trackedClients()).isEqualTo(2);
    }

    @Test
    void aForgottenClientIsNoBetterOffThanOneRemembered() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, 2), 1000, clock);
        buckets.take("198.51.100.1");
        buckets.take("198.51.100.1");
        clock.advance(Duration.ofSeconds(2));
        buckets.take("198.51.100.9");

        assertThat(buckets.take("198.51.100.1")).isZero();
        assertThat(buckets.take("198.51.100.1")).isZero();
        assertThat(buckets.take("198.51.100.1")).isEqualTo(1);
    }

    @Test
    void aClockSetBackDoesNotDrainABucket() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, 2), 1000, clock);
        buckets.take("198.51.100.1");
        clock.advance(Duration.ofHours(-1));

        assertThat(buckets.take("198.51.100.1")).isZero();
        assertThat(buckets.take("198.51.100.1")).isEqualTo(1);
    }
}
