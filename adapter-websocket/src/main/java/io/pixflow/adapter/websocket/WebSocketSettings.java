package io.pixflow.adapter.websocket;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the payment status socket treats its peers.
 *
 * @param allowedOrigins  browser origins ({@code https://shop.example.com}) whose pages may connect, besides the
 *                        server's own origin, which is always allowed; empty means the own origin only.
 *                        Normalised: lowercase, default port dropped.
 * @param pingInterval    how often the server pings each peer. Must stay below Grizzly's keep-alive idle timeout
 *                        (30 s), which otherwise closes a quiet socket.
 * @param maxMessageBytes the largest message a peer may send; a larger one closes the connection with 1009.
 *                        Peers have nothing to say, so this stays small.
 * @param silenceTimeout  how long a peer may go without a pong (or any frame) before it is dropped; longer than
 *                        the ping interval, so one late pong is forgiven.
 */
public record WebSocketSettings(Set<String> allowedOrigins, Duration pingInterval, int maxMessageBytes,
                                Duration silenceTimeout) {

    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024;
    /** Two missed pongs and a little slack. */
    public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofSeconds(45);

    public WebSocketSettings {
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(silenceTimeout, "silenceTimeout");
        allowedOrigins = allowedOrigins.stream()
                .map(WebSocketSettings::normaliseOrigin)
                .collect(Collectors.toUnmodifiableSet());
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
        if (silenceTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("silenceTimeout must be longer than pingInterval");
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
    }

    /** Own origin only, pings every 20 s, 4 KiB messages, peers dropped after 45 s of silence. */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(Set.of(), DEFAULT_PING_INTERVAL, DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_SILENCE_TIMEOUT);
    }

    public WebSocketSettings withAllowedOrigins(Set<String> origins) {
        return new WebSocketSettings(origins, pingInterval, maxMessageBytes, silenceTimeout);
    }

    private static String normaliseOrigin(String origin) {
        return Origin.parse(origin)
                .map(Origin::toString)
                .orElseThrow(() -> new IllegalArgumentException(
                        "allowed origin '" + origin + "' must look like https://shop.example.com[:port]"));
    }
}
