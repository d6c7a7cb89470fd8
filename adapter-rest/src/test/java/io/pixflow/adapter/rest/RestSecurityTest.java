package io.pixflow.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RestSecurityTest {

    @Test
    void sandboxIsWithoutSecrets() {
        assertThat(RestSecurity.sandbox().isLive()).isFalse();
        assertThat(RestSecurity.live(List.of("s3cret-value"), List.of("key")).isLive()).isTrue();
    }

    @Test
    void liveModeWithoutApiKeysIsRefusedRatherThanLockingMerchantsOut() {
        assertThatThrownBy(() -> RestSecurity.live(List.of("s3cret-value"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API key");
    }

    @Test
    void blankSecretsAndKeysAreRefused() {
        assertThatThrownBy(() -> RestSecurity.live(List.of(" "), List.of("key")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestSecurity.live(List.of("s3cret-value"), List.of("")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsTextNamesTheModeButNoSecretOrKey() {
        String text = RestSecurity.live(List.of("s3cret-value", "0ther-secret"), List.of("merchant-key")).toString();

        assertThat(text).contains("live", "webhookSecrets=2", "apiKeys=1")
                .doesNotContain("s3cret-value", "0ther-secret", "merchant-key");
    }

    @Test
    void aRateLimitMustLetSomethingThrough() {
        assertThatThrownBy(() -> new RateLimit(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
