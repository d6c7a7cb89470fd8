package io.pixflow.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL started by the tests from Maven Central binaries (no installed server, works as root): one
 * shared by the test run, with a fresh database per caller, or a private one a test may stop and start again.
 */
final class TestPostgres implements AutoCloseable {

    private static TestPostgres shared;

    private final Path dataDirectory;
    private EmbeddedPostgres server;

    /** @param throwAwayData delete the data when the server stops (else it survives a stop, for a restart) */
    private TestPostgres(Path dataDirectory, boolean throwAwayData) {
        this.dataDirectory = dataDirectory;
        this.server = start(dataDirectory, 0, throwAwayData);
    }

    /** The run's shared server; it stops when the JVM does. */
    static synchronized TestPostgres shared() {
        if (shared == null) {
            try {
                shared = new TestPostgres(Files.createTempDirectory("pixflow-pg"), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server of the caller's own, in {@code dataDirectory}. */
    static TestPostgres own(Path dataDirectory) {
        return new TestPostgres(dataDirectory, false);
    }

    /** The JDBC URL of a new, empty database. */
    synchronized String newDatabase() {
        String name = "pixflow_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name;
    }

    /** Runs {@code sql} as the superuser, e.g. to cut a node's connections. */
    synchronized void execute(String sql) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    synchronized void stop() {
        closeQuietly();
        server = null;
    }

    /** Starts again on the same port and data: what was committed before the stop is there. */
    synchronized void restart(int port) {
        server = start(dataDirectory, port, false);
    }

    synchronized int port() {
        return server.getPort();
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // stopping a test database: nothing to do about it
            }
        }
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port, boolean throwAwayData) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(throwAwayData);
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }
}
