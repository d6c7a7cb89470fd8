package io.pixflow.adapter.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * Decides who may open the socket, and hands Tyrus the one endpoint instance built by constructors.
 *
 * <p>Browsers attach {@code Origin} to every WebSocket handshake and cookies do not protect it, so any page could
 * open a socket here; only the server's own origin and the configured ones are let in. A request without
 * {@code Origin} is not a browser's, and is let in. "Own origin" needs the {@code Host} header, which
 * {@link #checkOrigin(String)} never sees, so the whole decision is taken in {@link #modifyHandshake}.
 */
final class HandshakeGuard extends ServerEndpointConfig.Configurator {

    /** Per-connection user property: the {@code Host} header the page used, for absolute links. */
    static final String HOST_PROPERTY = "io.pixflow.websocket.host";

    private final Object endpoint;
    private final Set<String> allowedOrigins;

    HandshakeGuard(Object endpoint, Set<String> allowedOrigins) {
        this.endpoint = endpoint;
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(endpoint);
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        // Tyrus's default accepts everything; the real check needs the Host header: see modifyHandshake.
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        List<String> host = values(request.getHeaders(), "Host");
        if (host.size() != 1 || Origin.ofHost("http", host.get(0)).isEmpty()) {
            throw refused(response, 400, "Host header missing or malformed");
        }
        List<String> origin = values(request.getHeaders(), "Origin");
        if (!origin.isEmpty() && (origin.size() != 1 || !allows(origin.get(0), host.get(0)))) {
            throw refused(response, 403, "Origin not allowed");
        }
        config.getUserProperties().put(HOST_PROPERTY, host.get(0).strip());
    }

    private boolean allows(String originHeader, String host) {
        Optional<Origin> origin = Origin.parse(originHeader);
        return origin.isPresent()
                && (allowedOrigins.contains(origin.get().toString())
                        || Origin.ofHost(origin.get().scheme(), host).equals(origin));
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(header -> name.equalsIgnoreCase(header.getKey()) && header.getValue() != null)
                .flatMap(header -> header.getValue().stream())
                .collect(Collectors.toList());
    }

    /**
     * Ends the handshake with {@code status} instead of 101. Tyrus answers with the status of a
     * {@link HandshakeException} that escapes the handshake, and has no other way out of modifyHandshake; the
     * exception is checked, so it is rethrown unchecked. The upgrade headers Tyrus already wrote are removed, and
     * the refusal says it has no body and ends the connection: without that a client or a proxy such as nginx
     * waits for a body that never comes.
     */
    private static RuntimeException refused(HandshakeResponse response, int status, String reason) {
        response.getHeaders().clear();
        response.getHeaders().put("Content-Length", List.of("0"));
        response.getHeaders().put("Connection", List.of("close"));
        return HandshakeGuard.<RuntimeException>rethrow(new HandshakeException(status, reason));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException rethrow(Throwable exception) throws E {
        throw (E) exception;
    }
}
