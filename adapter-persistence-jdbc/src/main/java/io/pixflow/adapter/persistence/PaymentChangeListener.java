package io.pixflow.adapter.persistence;

import io.pixflow.payment.domain.PaymentId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the payment changes every node commits to a PostgreSQL database: {@code LISTEN} on one connection of its
 * own, outside the pool (a pooled connection would be handed to other work and its {@code LISTEN} lost), polled by
 * one daemon thread.
 *
 * <p>When the connection fails, notifications sent meanwhile are lost for good: the thread reconnects with
 * exponential backoff and jitter, listens again, and then calls {@code reconnected} so that the node makes good
 * whatever it missed. A connection that dies silently (packets dropped, no reset) is found by a query every
 * {@link #HEARTBEAT}, which the driver's socket timeout bounds.
 */
final class PaymentChangeListener implements ChangeSubscription {

    /** The channel {@link JdbcPaymentRepository} notifies on, with a payment id as the payload. */
    static final String CHANNEL = "pixflow_payment_changed";
    /** Names the thread, and the connection in {@code pg_stat_activity}. */
    static final String NAME = "pixflow-payment-changes";

    private static final Logger LOG = LoggerFactory.getLogger(PaymentChangeListener.class);
    /** How long one wait for notifications lasts: also how long {@link #close()} may wait for the thread. */
    private static final int POLL_MILLIS = 500;
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    /** A connection attempt in progress is bounded by the driver's login timeout; this is more than enough. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final String jdbcUrl;
    private final String redactedUrl;
    private final Properties connectionProperties;
    private final Consumer<PaymentId> changed;
    private final Runnable reconnected;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    /** Only the listening thread touches it once that has started. */
    private Connection connection;
    private long lastHeardNanos;

    private PaymentChangeListener(String jdbcUrl, String redactedUrl, Properties connectionProperties,
                                  Consumer<PaymentId> changed, Runnable reconnected) {
        this.jdbcUrl = jdbcUrl;
        this.redactedUrl = redactedUrl;
        this.connectionProperties = connectionProperties;
        this.changed = Objects.requireNonNull(changed, "changed");
        this.reconnected = Objects.requireNonNull(reconnected, "reconnected");
        this.thread = new Thread(this::run, NAME);
        this.thread.setDaemon(true);
    }

    /**
     * Listens before it returns if the database answers; otherwise it keeps trying in the background and calls
     * {@code reconnected} once it listens.
     *
     * @param connectionProperties the driver properties: user, password and timeouts
     */
    static PaymentChangeListener start(String jdbcUrl, String redactedUrl, Properties connectionProperties,
                                       Consumer<PaymentId> changed, Runnable reconnected) {
        PaymentChangeListener listener =
                new PaymentChangeListener(jdbcUrl, redactedUrl, connectionProperties, changed, reconnected);
        try {
            listener.listen();
        } catch (SQLException e) {
            LOG.warn("Cannot listen for payment changes on {} yet ({}); retrying in the background", redactedUrl,
                    e.getMessage());
        }
        listener.thread.start();
        return listener;
    }

    private void run() {
        int failedAttempts = connection == null ? 1 : 0;
        while (!isClosing()) {
            if (connection == null) {
                if (waitBeforeAttempt(failedAttempts)) {
                    break;
                }
                try {
                    listen();
                    failedAttempts = 0;
                    call(reconnected);
                } catch (SQLException e) {
                    LOG.debug("Still cannot listen for payment changes on {}", redactedUrl, e);
                    failedAttempts++;
                }
                continue;
            }
            try {
                poll();
            } catch (SQLException e) {
                if (!isClosing()) {
                    LOG.warn("Lost the connection listening for payment changes on {} ({}); reconnecting",
                            redactedUrl, e.getMessage());
                }
                disconnect();
                failedAttempts = 1;
            }
        }
        disconnect();
    }

    private void listen() throws SQLException {
        Connection listening = DriverManager.getConnection(jdbcUrl, connectionProperties);
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            closeQuietly(listening);
            throw e;
        }
        connection = listening;
        lastHeardNanos = System.nanoTime();
        LOG.info("Listening for payment changes on {}", redactedUrl);
    }

    private void poll() throws SQLException {
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notifications != null && notifications.length > 0) {
            lastHeardNanos = System.nanoTime();
            for (PGNotification notification : notifications) {
                deliver(notification.getParameter());
            }
        } else if (System.nanoTime() - lastHeardNanos >= HEARTBEAT.toNanos()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            lastHeardNanos = System.nanoTime();
        }
    }

    private void deliver(String payload) {
        if (!PaymentId.isWellFormed(payload)) {
            LOG.warn("Ignored a notification on {} that names no payment", CHANNEL);
            return;
        }
        PaymentId id = new PaymentId(payload);
        call(() -> changed.accept(id));
    }

    /** A failing callback is logged and forgotten: it must not stop the node from hearing the next change. */
    private static void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("A payment change callback failed", e);
        }
    }

    /** Waits out the backoff; {@code true} when closing cut it short. */
    private boolean waitBeforeAttempt(int failedAttempts) {
        try {
            return closing.await(backoff(failedAttempts).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * 250 ms doubling up to 5 s, each time between half and all of it: nodes that lost the database together do
     * not all come back in the same instant.
     */
    static Duration backoff(int failedAttempts) {
        long ceiling = FIRST_RETRY.toMillis() << Math.min(failedAttempts - 1, 16);
        long capped = Math.min(ceiling, LONGEST_RETRY.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void disconnect() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a connection that failed: there is nothing left to release.
        }
    }

    @Override
    public void close() {
        if (isClosing()) {
            return;
        }
        closing.countDown();
        if (Thread.currentThread() == thread) {
            return; // Closed by a callback: the loop ends when the callback returns.
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The thread listening for payment changes on {} did not stop within {}", redactedUrl,
                    CLOSE_WAIT);
        } else {
            LOG.info("Stopped listening for payment changes on {}", redactedUrl);
        }
    }
}
