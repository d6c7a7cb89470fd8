package io.pixflow.adapter.websocket;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/payments/{id}}: one instance for every connection; what belongs to a connection lives in its
 * {@link Subscriber}, kept in the session's user properties.
 *
 * <p>Public only because Tyrus calls {@code onOpen} reflectively; it is built and registered through
 * {@link PaymentStatusSocket}.
 *
 * <p>This is the adapter's one error path: an unknown payment closes with 4404, an unreachable store with 1013
 * (try again later), anything unexpected with 1011; the close reasons are fixed texts, never exception messages.
 */
public final class PaymentStatusEndpoint extends Endpoint {

    static final CloseReason PAYMENT_NOT_FOUND =
            new CloseReason(CloseReason.CloseCodes.getCloseCode(4404), "payment not found");
    static final CloseReason STORE_UNAVAILABLE =
            new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "payment store unavailable");
    static final CloseReason INTERNAL_ERROR =
            new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error");
    static final CloseReason MESSAGE_TOO_BIG =
            new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big");
    static final CloseReason SHUTTING_DOWN =
            new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
    static final CloseReason PEER_SILENT =
            new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no pong");

    private static final Logger LOG = LoggerFactory.getLogger(PaymentStatusEndpoint.class);
    private static final String SUBSCRIBER_PROPERTY = "io.pixflow.websocket.subscriber";

    private final FindPayment payments;
    private final PaymentNotifier notifier;
    private final BiFunction<Payment, URI, String> paymentJson;
    private final WebSocketSettings settings;
    private final Set<Subscriber> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    PaymentStatusEndpoint(FindPayment payments, PaymentNotifier notifier, BiFunction<Payment, URI, String> paymentJson,
                          WebSocketSettings settings) {
        this.payments = payments;
        this.notifier = notifier;
        this.paymentJson = paymentJson;
        this.settings = settings;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(settings.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        String rawId = session.getPathParameters().get("id");
        if (!PaymentId.isWellFormed(rawId)) {
            close(session, PAYMENT_NOT_FOUND);
            return;
        }
        Subscriber subscriber = new Subscriber(new PaymentId(rawId), session, baseUri(session), paymentJson);
        session.getUserProperties().put(SUBSCRIBER_PROPERTY, subscriber);
        // Peers have nothing to say; whatever they send only proves they are alive. Tyrus applies the session's
        // buffer sizes to fragmented messages only, so a whole message is measured here.
        session.addMessageHandler(String.class,
                text -> received(subscriber, text.getBytes(StandardCharsets.UTF_8).length));
        session.addMessageHandler(ByteBuffer.class, bytes -> received(subscriber, bytes.remaining()));
        session.addMessageHandler(PongMessage.class, pong -> subscriber.heard());

        open.add(subscriber);
        if (closing) {
            drop(subscriber, SHUTTING_DOWN);
            return;
        }
        // Subscribe before reading: an event committed after the read is then queued, never lost.
        notifier.subscribe(subscriber);
        Optional<Payment> payment;
        try {
            payment = payments.byId(subscriber.paymentId());
        } catch (PaymentStoreUnavailableException e) {
            LOG.warn("Payment store unavailable while opening a status socket");
            drop(subscriber, STORE_UNAVAILABLE);
            return;
        } catch (RuntimeException e) {
            LOG.error("Reading a payment for a status socket failed", e);
            drop(subscriber, INTERNAL_ERROR);
            return;
        }
        payment.ifPresentOrElse(subscriber::snapshot, () -> drop(subscriber, PAYMENT_NOT_FOUND));
    }

    private void received(Subscriber subscriber, int bytes) {
        if (bytes > settings.maxMessageBytes()) {
            drop(subscriber, MESSAGE_TOO_BIG);
        } else {
            subscriber.heard();
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        subscriberOf(session).ifPresent(this::forget);
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("Payment status socket error: {}", error.toString());
        subscriberOf(session).ifPresent(subscriber -> drop(subscriber, INTERNAL_ERROR));
    }

    /** One ping round: drops peers silent for too long, pings the others. */
    void pingAll() {
        for (Subscriber subscriber : open) {
            if (subscriber.silentLongerThan(settings.silenceTimeout())) {
                drop(subscriber, PEER_SILENT);
            } else {
                subscriber.ping();
            }
        }
    }

    void closeAll() {
        closing = true;
        open.forEach(subscriber -> drop(subscriber, SHUTTING_DOWN));
    }

    int openCount() {
        return open.size();
    }

    private void drop(Subscriber subscriber, CloseReason reason) {
        forget(subscriber);
        subscriber.close(reason);
    }

    private void forget(Subscriber subscriber) {
        open.remove(subscriber);
        notifier.unsubscribe(subscriber);
    }

    private static Optional<Subscriber> subscriberOf(Session session) {
        Object subscriber = session.getUserProperties().get(SUBSCRIBER_PROPERTY);
        return subscriber instanceof Subscriber ? Optional.of((Subscriber) subscriber) : Optional.empty();
    }

    /** {@code http(s)://host[:port]/} as the page reached us: ws becomes http, wss https. */
    private static URI baseUri(Session session) {
        Object host = session.getUserProperties().get(HandshakeGuard.HOST_PROPERTY);
        return URI.create((session.isSecure() ? "https" : "http") + "://" + host + "/");
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.debug("Closing a payment status socket failed: {}", e.toString());
        }
    }
}
