package io.pixflow.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for the tests: one embedded server for the whole run (it takes seconds to start), started by
 * the first class that needs it and stopped when the run ends, and a fresh database on it for each caller of
 * {@link #newDatabase()}. Notifications stay within their database, so tests cannot hear each other.
 *
 * <p>Register it on a static field: {@code @RegisterExtension static final EmbeddedPostgresExtension POSTGRES}.
 */
final class EmbeddedPostgresExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedPostgresExtension.class);
    /** A small pool: enough for the contract's concurrent cases, and quick to fill for every test. */
    private static final int POOL_SIZE = 4;

    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes the server (an AutoCloseable) once, when the whole run ends.
        server = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(EmbeddedPostgres.class, key -> start(), EmbeddedPostgres.class);
    }

    /** Settings for a new, empty database on the shared server, as bootstrap would get them from the environment. */
    DatabaseSettings newDatabase() {
        String name = "pixflow_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new DatabaseSettings("jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "postgres",
                null, POOL_SIZE, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT);
    }

    int port() {
        return server.getPort();
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }
}
