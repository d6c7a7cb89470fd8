package io.pixflow.adapter.websocket;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.PaymentId;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open socket watching one payment: what it has been sent, and the queue of what it is still to be sent.
 *
 * <p>Sends go out one at a time, each started when the previous one completed: Tyrus may refuse overlapping sends
 * on a session, and the payer must see the states in the order they happened. The snapshot always comes first;
 * events that arrive before it wait, and any message older than what the peer already has (by the payment's
 * version) is dropped, so a stale read never overwrites a newer state on the page.
 */
final class Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);

    private final PaymentId paymentId;
    private final Session session;
    private final URI baseUri;
    private final BiFunction<Payment, URI, String> paymentJson;

    private final Deque<Send> queue = new ArrayDeque<>();
    private final List<Message> beforeSnapshot = new ArrayList<>();
    private boolean sending;
    private boolean snapshotQueued;
    private boolean stopped;
    private long newestQueuedVersion = -1;
    private volatile long lastHeardNanos = System.nanoTime();

    Subscriber(PaymentId paymentId, Session session, URI baseUri, BiFunction<Payment, URI, String> paymentJson) {
        this.paymentId = paymentId;
        this.session = session;
        this.baseUri = baseUri;
        this.paymentJson = paymentJson;
    }

    PaymentId paymentId() {
        return paymentId;
    }

    /** The state as read when the socket opened; goes out before any event. */
    void snapshot(Payment payment) {
        Optional<Message> snapshot = render("snapshot", payment, () -> { });
        if (snapshot.isEmpty()) {
            close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error"));
            return;
        }
        synchronized (this) {
            snapshotQueued = true;
            queueIfNewer(snapshot.get());
            beforeSnapshot.forEach(this::queueIfNewer);
            beforeSnapshot.clear();
        }
        sendNext();
    }

    /** @param onSent runs once the event has been handed to the socket */
    void deliver(PaymentEvent event, Runnable onSent) {
        Optional<Message> message = render(event.type().name().toLowerCase(Locale.ROOT), event.payment(), onSent);
        if (message.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (snapshotQueued) {
                queueIfNewer(message.get());
            } else {
                beforeSnapshot.add(message.get());
            }
        }
        sendNext();
    }

    /** Queued like a message, so a ping never overlaps a send in progress. */
    void ping() {
        synchronized (this) {
            if (!stopped) {
                queue.add(done -> {
                    session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                    done.onResult(new SendResult(session));
                });
            }
        }
        sendNext();
    }

    /** The peer answered a ping or sent something: it is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    boolean silentLongerThan(Duration limit) {
        return System.nanoTime() - lastHeardNanos > limit.toNanos();
    }

    /** Stops sending and closes the socket; safe to call more than once or on a socket already closed. */
    void close(CloseReason reason) {
        synchronized (this) {
            stopped = true;
            queue.clear();
            beforeSnapshot.clear();
        }
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a payment status socket failed: {}", e.toString());
        }
    }

    private Optional<Message> render(String type, Payment payment, Runnable onSent) {
        try {
            String json = paymentJson.apply(payment, baseUri);
            return Optional.of(new Message(payment.version(), "{\"type\":\"" + type + "\",\"payment\":" + json + "}",
                    onSent));
        } catch (RuntimeException e) {
            LOG.warn("Could not render a payment status message ({})", type, e);
            return Optional.empty();
        }
    }

    private void queueIfNewer(Message message) {
        if (stopped || message.version() <= newestQueuedVersion) {
            return;
        }
        newestQueuedVersion = message.version();
        queue.add(done -> session.getAsyncRemote().sendText(message.text(), result -> {
            if (result.isOK()) {
                message.onSent().run();
            }
            done.onResult(result);
        }));
    }

    /** Starts the next send unless one is in flight; the completion of each send starts the next. */
    private void sendNext() {
        Send next;
        synchronized (this) {
            if (sending || queue.isEmpty()) {
                return;
            }
            sending = true;
            next = queue.poll();
        }
        try {
            next.start(this::sent);
        } catch (IOException | RuntimeException e) {
            sent(new SendResult(session, e));
        }
    }

    private void sent(SendResult result) {
        synchronized (this) {
            sending = false;
        }
        if (result.isOK()) {
            sendNext();
        } else {
            LOG.debug("Sending to a payment status socket failed: {}", String.valueOf(result.getException()));
            close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
        }
    }

    private record Message(long version, String text, Runnable onSent) {
    }

    @FunctionalInterface
    private interface Send {
        void start(SendHandler done) throws IOException;
    }
}
