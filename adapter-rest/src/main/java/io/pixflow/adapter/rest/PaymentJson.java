package io.pixflow.adapter.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixflow.payment.domain.Payment;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes the payment resource P of DESIGN §3. The REST resources and, through {@link #toJson}, the WebSocket
 * messages use it, so a page reads the same P whichever way it learns about a payment.
 */
public final class PaymentJson {

    private final Clock clock;
    /** The configured public URL as a checked base, ending with {@code /}; null to use each request's. */
    private final String publicBase;
    private final ObjectMapper mapper = ObjectMapperResolver.newObjectMapper();

    /**
     * @param clock     decides whether a PENDING payment already reads EXPIRED
     * @param publicUrl the absolute http(s) URL clients reach the server at (PIXFLOW_PUBLIC_URL), or {@code null}
     *                  to build links from each request's base URI
     */
    public PaymentJson(Clock clock, URI publicUrl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicBase = publicUrl == null ? null : checkedBase(publicUrl);
    }

    /**
     * P as a JSON object, e.g. for a WebSocket snapshot.
     *
     * @param requestBaseUri the server's base URI as the client reached it, e.g. {@code http://host:8080/}
     *                       ({@code ws://} and {@code wss://} are read as {@code http://} and {@code https://});
     *                       ignored when a public URL is configured
     */
    public String toJson(Payment payment, URI requestBaseUri) {
        try {
            return mapper.writeValueAsString(representation(payment, requestBaseUri));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a payment representation holds only strings, numbers and instants", e);
        }
    }

    PaymentRepresentation representation(Payment payment, URI requestBaseUri) {
        Objects.requireNonNull(payment, "payment");
        String base = publicBase != null
                ? publicBase
                : checkedBase(Objects.requireNonNull(requestBaseUri, "requestBaseUri (no public URL is configured)"));
        return PaymentRepresentation.from(payment, clock.instant(), base);
    }

    ObjectMapper objectMapper() {
        return mapper;
    }

    /**
     * The base as the links' prefix: absolute http(s), ending with {@code /}. A string, not a URI: it is only ever
     * prepended to ids, and parsing it into a URI again on every response cost more than the checks.
     */
    private static String checkedBase(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String httpScheme = switch (scheme) {
            case "http", "ws" -> "http";
            case "https", "wss" -> "https";
            default -> throw new IllegalArgumentException("the base URL must be absolute http(s): " + uri);
        };
        if (uri.getRawAuthority() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the base URL must have a host and no query or fragment: " + uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // The links append their own path to it, so it must end with the slash that separates the two.
        return httpScheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/");
    }
}
