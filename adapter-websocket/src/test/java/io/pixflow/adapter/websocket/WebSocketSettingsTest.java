package io.pixflow.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebSocketSettingsTest {

    @Test
    void defaultsPingWellInsideGrizzlysIdleTimeoutAndAllowOnlyTheOwnOrigin() {
        WebSocketSettings defaults = WebSocketSettings.defaults();

        assertThat(defaults.allowedOrigins()).isEmpty();
        assertThat(defaults.pingInterval()).isLessThan(Duration.ofSeconds(30));
        assertThat(defaults.silenceTimeout()).isGreaterThan(defaults.pingInterval().multipliedBy(2));
        assertThat(defaults.maxMessageBytes()).isEqualTo(4096);
    }

    @Test
    void originsAreComparedInTheFormBrowsersSend() {
        WebSocketSettings settings = WebSocketSettings.defaults()
                .withAllowedOrigins(Set.of("HTTPS://Shop.Example:443/", "http://localhost:3000"));

        assertThat(settings.allowedOrigins()).containsExactlyInAnyOrder("https://shop.example", "http://localhost:3000");
    }

    @Test
    void anOriginThatIsNotSchemeAndHostIsRejectedByName() {
        assertThatThrownBy(() -> WebSocketSettings.defaults().withAllowedOrigins(Set.of("shop.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shop.example'");
        assertThatThrownBy(() -> WebSocketSettings.defaults().withAllowedOrigins(Set.of("https://shop.example/pay")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPeerMustBeGivenLongerThanOnePingToAnswer() {
        assertThatThrownBy(() -> new WebSocketSettings(Set.of(), Duration.ofSeconds(20), 4096, Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("silenceTimeout");
        assertThatThrownBy(() -> new WebSocketSettings(Set.of(), Duration.ZERO, 4096, Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSocketSettings(Set.of(), Duration.ofSeconds(1), 0, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
