package io.pixflow.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.glassfish.tyrus.core.HandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandshakeGuardTest {

    private final HandshakeGuard guard = new HandshakeGuard(new Object(), Set.of("https://shop.example"));
    private final ServerEndpointConfig config = mock(ServerEndpointConfig.class);
    private final Map<String, Object> userProperties = new HashMap<>();
    private final HandshakeResponse response = mock(HandshakeResponse.class);

    HandshakeGuardTest() {
        when(config.getUserProperties()).thenReturn(userProperties);
        when(response.getHeaders()).thenReturn(new HashMap<>(Map.of("Upgrade", List.of("websocket"))));
    }

    private void handshake(String host, String origin) {
        Map<String, List<String>> headers = new TreeMap<>();
        if (host != null) {
            headers.put("host", List.of(host));
        }
        if (origin != null) {
            headers.put("origin", List.of(origin));
        }
        HandshakeRequest request = mock(HandshakeRequest.class);
        when(request.getHeaders()).thenReturn(headers);
        guard.modifyHandshake(config, request, response);
    }

    private static int statusOf(Throwable refusal) {
        return ((HandshakeException) refusal).getHttpStatusCode();
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}")
    @CsvSource({
            "pay.example:8080, http://pay.example:8080",
            "PAY.example:8080, http://pay.EXAMPLE:8080",
            "pay.example,      https://pay.example",
            "pay.example:443,  https://pay.example",
            "127.0.0.1:8080,   http://127.0.0.1:8080",
            "pay.example,      https://shop.example",
            "pay.example,      https://shop.example:443",
    })
    void letsInTheServersOwnPagesAndTheConfiguredOrigins(String host, String origin) {
        handshake(host, origin);

        assertThat(userProperties).containsEntry(HandshakeGuard.HOST_PROPERTY, host);
    }

    @Test
    void letsInClientsThatAreNotBrowsers() {
        handshake("pay.example", null);

        assertThat(userProperties).containsEntry(HandshakeGuard.HOST_PROPERTY, "pay.example");
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}")
    @CsvSource({
            "pay.example:8080, http://pay.example:8081",
            "pay.example,      https://pay.example.evil.example",
            "pay.example,      http://shop.example",
            "pay.example,      null",
            "pay.example,      file://",
            "pay.example,      https://pay.example/path",
    })
    void refusesEveryOtherPageWith403(String host, String origin) {
        assertThatThrownBy(() -> handshake(host, origin))
                .isInstanceOf(HandshakeException.class)
                .satisfies(refusal -> assertThat(statusOf(refusal)).isEqualTo(403));
        assertThat(response.getHeaders()).as("no upgrade headers on a refusal, and an answer that says it is complete")
                .containsOnlyKeys("Content-Length", "Connection")
                .containsEntry("Content-Length", List.of("0"));
        assertThat(userProperties).isEmpty();
    }

    @Test
    void refusesAMissingOrMalformedHostWith400() {
        assertThatThrownBy(() -> handshake(null, null))
                .satisfies(refusal -> assertThat(statusOf(refusal)).isEqualTo(400));
        assertThatThrownBy(() -> handshake("pay.example/evil", null))
                .satisfies(refusal -> assertThat(statusOf(refusal)).isEqualTo(400));
        assertThatThrownBy(() -> handshake("user@pay.example", null))
                .satisfies(refusal -> assertThat(statusOf(refusal)).isEqualTo(400));
    }

    @Test
    void answersWithTheOneEndpointInstance() {
        Object endpoint = new Object();

        assertThat(new HandshakeGuard(endpoint, Set.of()).getEndpointInstance(Object.class)).isSameAs(endpoint);
    }
}
