package io.pixflow.adapter.websocket;

import static org.assertj.core.api.Assertions.fail;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Tyrus client endpoint that records what the server sends and how it closes. */
final class RecordingClient extends Endpoint {

    static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private volatile Session session;

    /** Sends {@code origin} as the Origin header, or none at all when {@code null}. */
    static ClientEndpointConfig withOrigin(String origin) {
        return ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> headers) {
                headers.keySet().removeIf("Origin"::equalsIgnoreCase);
                if (origin != null) {
                    headers.put("Origin", List.of(origin));
                }
            }
        }).build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.addMessageHandler(String.class, messages::add);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        closed.completeExceptionally(error);
    }

    String nextMessage() throws InterruptedException {
        String message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            fail("no message within " + TIMEOUT_SECONDS + " s");
        }
        return message;
    }

    CloseReason closeReason() throws Exception {
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    boolean isOpen() {
        return session != null && session.isOpen() && !closed.isDone();
    }

    Session session() {
        return session;
    }
}
