package io.pixflow.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open database: a connection pool on a migrated schema, and the repository that uses it. Open it once at
 * start with {@link #open}, close it once at shutdown.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** How long a health check waits for the database to answer, once it holds a connection. */
    private static final int VALIDITY_TIMEOUT_SECONDS = 1;
    private static final Duration MAXIMUM_VALIDATION_TIMEOUT = Duration.ofSeconds(1);

    private final HikariDataSource dataSource;
    private final PaymentRepository paymentRepository;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.paymentRepository = new JdbcPaymentRepository(dataSource);
    }

    /**
     * Connects, brings the schema up to date with the migrations under {@code db/migration}, and returns the
     * open database. An H2 file database is made durable (see {@link JdbcUrls#withH2FileSettings}); H2
     * creates its file and the missing parent directories.
     *
     * @throws DatabaseOpenException when the database cannot be reached or migrated, after one connection attempt
     *                               of at most about {@link DatabaseSettings#connectionTimeout()}
     */
    public static Database open(DatabaseSettings settings) {
        HikariDataSource dataSource = connect(settings);
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            LOG.info("Database {} ready ({} migrations applied now)", settings.redactedUrl(),
                    result.migrationsExecuted);
            return new Database(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new DatabaseOpenException("Cannot migrate database " + settings.redactedUrl() + ": "
                    + oneLine(e.getMessage(), settings), e);
        }
    }

    private static HikariDataSource connect(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pixflow-db");
        config.setJdbcUrl(JdbcUrls.withH2FileSettings(settings.jdbcUrl()));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(min(settings.connectionTimeout(), MAXIMUM_VALIDATION_TIMEOUT).toMillis());
        // One attempt at start: a wrong URL or a dead database stops the server now, not at the first request.
        config.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseOpenException("Cannot open database " + settings.redactedUrl() + ": "
                    + oneLine(reason(e), settings), e);
        }
    }

    /** For bootstrap components that need plain JDBC on the same pool. */
    public DataSource dataSource() {
        return dataSource;
    }

    public PaymentRepository paymentRepository() {
        return paymentRepository;
    }

    /**
     * Whether the database answers now: for a health check. Takes at most the connection timeout plus one second,
     * and never throws.
     */
    public boolean isReachable() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDITY_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes every connection; an embedded H2 database is then closed cleanly too. */
    @Override
    public void close() {
        dataSource.close();
    }

    /** The driver's own words: HikariCP wraps them in "Failed to initialize pool" or "Failed to get driver". */
    private static String reason(RuntimeException e) {
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
