package io.pixflow.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentChangeListenerTest {

    @Test
    void reconnectingStartsWithinAQuarterSecondAndBacksOffToAtMostFiveSeconds() {
        for (int i = 0; i < 100; i++) {
            assertThat(PaymentChangeListener.backoff(1)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
            assertThat(PaymentChangeListener.backoff(3)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(PaymentChangeListener.backoff(1_000)).isBetween(Duration.ofMillis(2_500), Duration.ofSeconds(5));
        }
    }

    @Test
    void nodesThatLostTheDatabaseTogetherDoNotRetryInTheSameInstant() {
        Set<Duration> delays = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            delays.add(PaymentChangeListener.backoff(10));
        }

        assertThat(delays).hasSizeGreaterThan(1);
    }
}
