package io.pixflow.adapter.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the payments are kept and how hard to try reaching them.
 *
 * @param jdbcUrl           e.g. {@code jdbc:h2:file:./data/pixflow} or {@code jdbc:postgresql://db:5432/pixflow}
 * @param user              the database user, or {@code null} for the driver's default
 * @param password          the password, or {@code null}; never shown by {@link #toString()}
 * @param maximumPoolSize   connections kept open at most
 * @param connectionTimeout how long a caller waits for a connection before the store counts as unavailable; on
 *                          PostgreSQL also the driver's connect and login timeouts, unless the URL sets them (see
 *                          {@link JdbcUrls#postgresqlTimeouts} for those and the 5 s socket timeout)
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maximumPoolSize,
                               Duration connectionTimeout) {

    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    /** Short, so that a request fails fast with "service unavailable" instead of hanging on a dead database. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** HikariCP refuses anything shorter. */
    private static final Duration MINIMUM_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:");
        }
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("maximumPoolSize must be at least 1");
        }
        if (connectionTimeout.compareTo(MINIMUM_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least " + MINIMUM_CONNECTION_TIMEOUT);
        }
    }

    /** The given database with the default pool size and connection timeout. */
    public DatabaseSettings(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, DEFAULT_MAXIMUM_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    /** The URL with any password in it masked, fit for logs and error messages. */
    public String redactedUrl() {
        return JdbcUrls.redact(jdbcUrl);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + redactedUrl() + ", user=" + user
                + ", password=" + (password == null ? "null" : "***") + ", maximumPoolSize=" + maximumPoolSize
                + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
