package io.pixflow.adapter.websocket;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.port.in.FindPayment;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live status of one payment, {@code WS /ws/payments/{id}}: a snapshot on open, then one message per final
 * state ({@code {"type": "snapshot"|"confirmed"|"expired"|"cancelled", "payment": P}}).
 *
 * <p>Register {@link #endpointConfig()} with the Tyrus server container; {@link #close()} before stopping it, so
 * pages learn with 1001 that the server is going away and reconnect elsewhere. The server pings every peer on its
 * own thread and drops those that stop answering.
 */
public final class PaymentStatusSocket implements AutoCloseable {

    public static final String PATH = "/ws/payments/{id}";

    private static final Logger LOG = LoggerFactory.getLogger(PaymentStatusSocket.class);

    private final PaymentStatusEndpoint endpoint;
    private final ServerEndpointConfig endpointConfig;
    private final ScheduledExecutorService pings;

    /**
     * @param payments    reads the snapshot
     * @param notifier    the {@code PaymentEvents} the application publishes to
     * @param paymentJson the JSON object text of the payment resource P, given the base URI
     *                    ({@code http(s)://host[:port]/}, from the handshake's Host header) for its links
     * @param settings    origins, ping interval, message size and silence limits
     */
    public PaymentStatusSocket(FindPayment payments, PaymentNotifier notifier,
                               BiFunction<Payment, URI, String> paymentJson, WebSocketSettings settings) {
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(paymentJson, "paymentJson");
        Objects.requireNonNull(settings, "settings");
        this.endpoint = new PaymentStatusEndpoint(payments, notifier, paymentJson, settings);
        this.endpointConfig = ServerEndpointConfig.Builder.create(PaymentStatusEndpoint.class, PATH)
                .configurator(new HandshakeGuard(endpoint, settings.allowedOrigins()))
                .build();
        this.pings = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pixflow-websocket-ping");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.pingInterval().toMillis();
        pings.scheduleAtFixedRate(this::pingAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** What to register: {@code serverContainer.register(socket.endpointConfig())}. */
    public ServerEndpointConfig endpointConfig() {
        return endpointConfig;
    }

    /** How many sockets are open. */
    public int openCount() {
        return endpoint.openCount();
    }

    /** Stops the pings and closes every socket with 1001 (going away); sockets opening afterwards are closed too. */
    @Override
    public void close() {
        pings.shutdownNow();
        endpoint.closeAll();
    }

    private void pingAll() {
        try {
            endpoint.pingAll();
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule; the next one tries again.
            LOG.warn("Ping round failed", e);
        }
    }
}
