package io.pixflow.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.port.out.PixTransferLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open database: a connection pool on a migrated schema, the payment repository and PIX transfer log that use
 * it, and on PostgreSQL the change notifications between nodes. Open it once at start with {@link #open}, close it
 * once at shutdown. Bootstrap takes it with {@link #at} and opens it beside its own set-up.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** How long a health check waits for the database to answer, once it holds a connection. */
    private static final int VALIDITY_TIMEOUT_SECONDS = 1;
    private static final Duration MAXIMUM_VALIDATION_TIMEOUT = Duration.ofSeconds(1);

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private final JdbcPaymentRepository paymentRepository;
    private final PixTransferLog pixTransferLog;
    private final Set<PaymentChangeListener> listeners = ConcurrentHashMap.newKeySet();

    private Database(DatabaseSettings settings) {
        this.settings = settings;
        this.dataSource = pool(settings);
        this.paymentRepository = new JdbcPaymentRepository(dataSource, isShared(settings));
        this.pixTransferLog = new JdbcPixTransferLog(dataSource);
    }

    /** PostgreSQL may be shared by several nodes, which learn of each other's changes by LISTEN/NOTIFY. */
    private static boolean isShared(DatabaseSettings settings) {
        return JdbcUrls.isPostgresql(settings.jdbcUrl());
    }

    /**
     * The database at {@code settings}, not connected yet: its repositories can be handed to the use cases while
     * {@link #open()} runs, on another thread at start, but nothing may use them before {@code open()} returns.
     */
    public static Database at(DatabaseSettings settings) {
        return new Database(Objects.requireNonNull(settings, "settings"));
    }

    /** {@link #at} and {@link #open()}: the database, ready to use. */
    public static Database open(DatabaseSettings settings) {
        Database database = at(settings);
        database.open();
        return database;
    }

    /**
     * Connects, and brings the schema up to date with the migrations under {@code db/migration}; once. An H2 file
     * database is made durable (see {@link JdbcUrls#withH2FileSettings}); H2 creates its file and the missing
     * parent directories.
     *
     * @throws DatabaseOpenException when the database cannot be reached or migrated, after one connection attempt
     *                               of at most about {@link DatabaseSettings#connectionTimeout()}; this database is
     *                               closed then
     */
    public void open() {
        // One attempt at start: a wrong URL or a dead database stops the server now, not at the first request.
        try (Connection ignored = dataSource.getConnection()) {
            // The pool starts with this first connection.
        } catch (SQLException | RuntimeException e) {
            close();
            throw new DatabaseOpenException("Cannot open database " + settings.redactedUrl() + ": "
                    + oneLine(reason(e), settings), e);
        }
        try {
            // Flyway opens connections of its own, the same but for the socket timeout (see postgresqlTimeouts).
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(jdbcUrl(settings), settings.user(), settings.password())
                    .jdbcProperties(JdbcUrls.postgresqlTimeouts(settings.jdbcUrl(), settings.connectionTimeout(),
                            false))
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            LOG.info("Database {} ready ({} migrations applied now)", settings.redactedUrl(),
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            close();
            throw new DatabaseOpenException("Cannot migrate database " + settings.redactedUrl() + ": "
                    + oneLine(e.getMessage(), settings), e);
        }
    }

    /** A pool that connects at its first {@code getConnection}, in {@link #open()}. */
    private static HikariDataSource pool(DatabaseSettings settings) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("pixflow-db");
        pool.setJdbcUrl(jdbcUrl(settings));
        JdbcUrls.postgresqlTimeouts(settings.jdbcUrl(), settings.connectionTimeout(), true)
                .forEach(pool::addDataSourceProperty);
        pool.setUsername(settings.user());
        pool.setPassword(settings.password());
        pool.setMaximumPoolSize(settings.maximumPoolSize());
        pool.setConnectionTimeout(settings.connectionTimeout().toMillis());
        pool.setValidationTimeout(min(settings.connectionTimeout(), MAXIMUM_VALIDATION_TIMEOUT).toMillis());
        pool.setInitializationFailTimeout(1);
        return pool;
    }

    private static String jdbcUrl(DatabaseSettings settings) {
        return JdbcUrls.withH2FileSettings(settings.jdbcUrl());
    }

    /** For bootstrap components that need plain JDBC on the same pool. */
    public DataSource dataSource() {
        return dataSource;
    }

    public PaymentRepository paymentRepository() {
        return paymentRepository;
    }

    public PixTransferLog pixTransferLog() {
        return pixTransferLog;
    }

    /**
     * Hears of every payment change that any node, this one included, commits to the database, so that each node
     * can push the changes to its own subscribers. On PostgreSQL: one connection outside the pool listening on
     * {@code pixflow_payment_changed}, and one daemon thread that calls {@code changed} with the payment's id
     * after each committed {@link PaymentRepository#compareAndSet}. Elsewhere (H2, one node) nothing is heard:
     * the node's own events stay in-process, and the returned subscription does nothing.
     *
     * <p>Notifications are lost while the connection is down. The thread reconnects by itself (backoff up to a
     * few seconds) and then calls {@code reconnected}: re-send snapshots to every subscriber then. If the database
     * cannot be reached now, it returns all the same and calls {@code reconnected} once it listens.
     *
     * <p>Both callbacks run on that one thread, in order: they should be quick and hand work off. What they throw
     * is logged and does not stop the listening. Changes made outside {@link PaymentRepository#compareAndSet}
     * (a new payment) are not announced.
     *
     * @throws IllegalStateException when this database is closed
     */
    public ChangeSubscription listenForChanges(Consumer<PaymentId> changed, Runnable reconnected) {
        Objects.requireNonNull(changed, "changed");
        Objects.requireNonNull(reconnected, "reconnected");
        if (dataSource.isClosed()) {
            throw new IllegalStateException("the database is closed");
        }
        if (!isShared(settings)) {
            return () -> { };
        }
        PaymentChangeListener listener = PaymentChangeListener.start(settings.jdbcUrl(), settings.redactedUrl(),
                listenerProperties(settings), changed, reconnected);
        listeners.add(listener);
        return () -> {
            listeners.remove(listener);
            listener.close();
        };
    }

    /** The pool's credentials and timeouts: the socket timeout bounds the heartbeat that finds a dead connection. */
    private static Properties listenerProperties(DatabaseSettings settings) {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.putAll(JdbcUrls.postgresqlTimeouts(settings.jdbcUrl(), settings.connectionTimeout(), true));
        properties.setProperty("ApplicationName", PaymentChangeListener.NAME);
        return properties;
    }

    /**
     * Whether the database runs in this process (H2 by file or in memory), so that no query waits for another
     * machine.
     */
    public boolean isEmbedded() {
        return JdbcUrls.isEmbedded(settings.jdbcUrl());
    }

    /**
     * Whether the database answers now: for a health check. Takes at most the connection timeout plus one second,
     * and never throws.
     *
     * <p>When a pooled connection does not answer, every pooled connection is replaced: they all went to the server
     * that went away. The pool checks a connection it hands out only if it sat idle for 500 ms, so without this a
     * request just after the database came back could be served on a dead connection and fail.
     */
    public boolean isReachable() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(VALIDITY_TIMEOUT_SECONDS);
            if (!valid) {
                dataSource.getHikariPoolMXBean().softEvictConnections();
            }
            return valid;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Stops listening for changes, lets the inserts already asked for finish, and closes every connection; an
     * embedded H2 database is then closed cleanly too.
     */
    @Override
    public void close() {
        listeners.forEach(PaymentChangeListener::close);
        paymentRepository.close();
        dataSource.close();
    }

    /** The driver's own words: HikariCP wraps them in "Failed to initialize pool" or "Failed to get driver". */
    private static String reason(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }

    /** Driver and Flyway messages span lines and may quote the URL: one line, no password. */
    private static String oneLine(String message, DatabaseSettings settings) {
        String redacted = JdbcUrls.redact(String.valueOf(message));
        if (settings.password() != null && !settings.password().isEmpty()) {
            redacted = redacted.replace(settings.password(), "***");
        }
        return redacted.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
