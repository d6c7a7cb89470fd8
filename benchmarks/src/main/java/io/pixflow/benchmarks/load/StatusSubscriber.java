package io.pixflow.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's stand-in on {@code WS /ws/payments/{id}}: notes when the snapshot arrives (the server has then
 * registered it, so no later event can miss it) and when the {@code confirmed} event arrives, and counts events
 * that name another payment, which must never come.
 *
 * <p>The JDK client answers the server's pings by itself, so an idle subscriber stays connected.
 */
final class StatusSubscriber implements WebSocket.Listener {

    /** A message's type and the payment it is about; {@link BlockingSubscriber} reads them the same way. */
    static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z]+)\"");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9]+)\"");

    private final String paymentId;
    private final CompletableFuture<Void> snapshot = new CompletableFuture<>();
    private final CompletableFuture<Long> confirmedAtNanos = new CompletableFuture<>();
    private final AtomicInteger foreignEvents = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    private StatusSubscriber(String paymentId) {
        this.paymentId = paymentId;
    }

    /** Opens the socket; the returned subscriber's {@link #snapshot()} completes once the server has it. */
    static StatusSubscriber connect(HttpClient client, URI base, String paymentId, Duration timeout) {
        StatusSubscriber subscriber = new StatusSubscriber(paymentId);
        client.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(base.resolve("/ws/payments/" + paymentId), subscriber)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        subscriber.fail(error);
                    }
                });
        return subscriber;
    }

    String paymentId() {
        return paymentId;
    }

    CompletableFuture<Void> snapshot() {
        return snapshot;
    }

    /** {@link System#nanoTime()} when the {@code confirmed} message for this payment was complete. */
    CompletableFuture<Long> confirmedAtNanos() {
        return confirmedAtNanos;
    }

    int foreignEvents() {
        return foreignEvents.get();
    }

    /** Drops the TCP connection at once; the server sees the peer gone and forgets it. */
    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        fail(new IllegalStateException("aborted"));
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            received(message, now);
        }
        webSocket.request(1);
        return null;
    }

    private void received(String message, long now) {
        Matcher type = TYPE.matcher(message);
        Matcher id = ID.matcher(message);
        String about = id.find() ? id.group(1) : "";
        if (!about.equals(paymentId)) {
            foreignEvents.incrementAndGet();
            return;
        }
        if (type.find()) {
            switch (type.group(1)) {
                case "snapshot" -> snapshot.complete(null);
                case "confirmed" -> confirmedAtNanos.complete(now);
                default -> {
                }
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        fail(new IllegalStateException("closed by the server: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail(error);
    }

    private void fail(Throwable error) {
        snapshot.completeExceptionally(error);
        confirmedAtNanos.completeExceptionally(error);
    }
}
