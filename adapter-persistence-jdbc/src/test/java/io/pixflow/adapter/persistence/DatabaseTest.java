package io.pixflow.adapter.persistence;

import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    private static final Duration FAST = Duration.ofSeconds(1);

    @TempDir
    Path directory;

    private DatabaseSettings fileDatabase(Path file) {
        return new DatabaseSettings("jdbc:h2:file:" + file, "sa", "");
    }

    @Test
    void reopeningTheSameFileKeepsThePaymentsAndMigratesNothingTwice() throws SQLException {
        Payment payment = aPendingPayment().build();
        try (Database first = Database.open(fileDatabase(directory.resolve("pixflow")))) {
            join(first.paymentRepository().insert(payment));
        }

        try (Database second = Database.open(fileDatabase(directory.resolve("pixflow")))) {
            assertThat(second.paymentRepository().findById(payment.id())).contains(payment);
            assertThat(scalar(second, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'"))
                    .isEqualTo(migrationCount());
        }
    }

    @Test
    void theDefaultKindOfUrlCreatesTheMissingDataDirectory() {
        Path file = directory.resolve("data").resolve("nested").resolve("pixflow");

        try (Database database = Database.open(fileDatabase(file))) {
            assertThat(database.isReachable()).isTrue();
        }

        assertThat(directory.resolve("data/nested/pixflow.mv.db")).isRegularFile();
    }

    @Test
    void anH2FileDatabaseIsOpenedWithoutWriteDelay() throws SQLException {
        try (Database database = Database.open(fileDatabase(directory.resolve("pixflow")))) {
            assertThat(scalar(database,
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void anH2FileDatabaseSplitsItsPagesAtFourKilobytes() throws SQLException {
        try (Database database = Database.open(fileDatabase(directory.resolve("pixflow")))) {
            assertThat(scalar(database,
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.PAGE_SIZE'"))
                    .isEqualTo("4096");
        }
    }

    @Test
    void anH2FileDatabaseKeepsAFourMegabytePageCache() throws SQLException {
        try (Database database = Database.open(fileDatabase(directory.resolve("pixflow")))) {
            assertThat(scalar(database,
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'"))
                    .isEqualTo("4096");
        }
    }

    @Test
    void isReachableWhileOpenAndNotOnceClosed() {
        Database database = Database.open(fileDatabase(directory.resolve("pixflow")));
        assertThat(database.isReachable()).isTrue();

        database.close();

        assertThat(database.isReachable()).isFalse();
    }

    @Test
    void onH2ThereIsNoOtherNodeToHearFromSoListeningStartsNothing() {
        try (Database database = Database.open(fileDatabase(directory.resolve("pixflow")))) {
            ChangeSubscription subscription = database.listenForChanges(id -> { }, () -> { });

            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(thread -> thread.getName().equals(PaymentChangeListener.NAME));
            subscription.close();
        }
    }

    @Test
    void whenTheDatabaseServerGoesAwayHealthTurnsFalseAndCallsFailFast() throws SQLException {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", directory.toString())
                .start();
        Database database = Database.open(new DatabaseSettings(
                "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:gone", "sa", "", 2, FAST));
        try {
            assertThat(database.isReachable()).isTrue();

            server.stop();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(database.isReachable()).isFalse();
                assertThatThrownBy(() -> join(database.paymentRepository().insert(aPendingPayment().build())))
                        .isInstanceOf(PaymentStoreUnavailableException.class);
            });
        } finally {
            database.close();
            server.stop();
        }
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithOneLineNamingTheUrlButNoPassword() throws IOException {
        int closedPort = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/pixflow?user=pix&password=hunter2";

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> Database.open(new DatabaseSettings(url, "pix", "s3cret", 2, FAST)))
                        .isInstanceOf(DatabaseOpenException.class)
                        .hasMessageStartingWith("Cannot open database jdbc:postgresql://127.0.0.1:" + closedPort
                                + "/pixflow?user=pix&password=***: ")
                        .hasMessageNotContaining("hunter2")
                        .hasMessageNotContaining("s3cret")
                        .hasMessageNotContaining("\n"));
    }

    @Test
    void anUnknownKindOfDatabaseStopsTheStartNamingTheUrl() {
        assertThatThrownBy(() -> Database.open(new DatabaseSettings("jdbc:nosuchdb://db/pixflow", "pix", null)))
                .isInstanceOf(DatabaseOpenException.class)
                .hasMessageStartingWith("Cannot open database jdbc:nosuchdb://db/pixflow: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMigrationEditedAfterItRanStopsTheStart() throws SQLException {
        try (Database database = Database.open(fileDatabase(directory.resolve("pixflow")));
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            // As if V1 had been edited after it ran here: Flyway refuses to guess which schema is right.
            statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42");
        }

        assertThatThrownBy(() -> Database.open(fileDatabase(directory.resolve("pixflow"))))
                .isInstanceOf(DatabaseOpenException.class)
                .hasMessageStartingWith("Cannot migrate database jdbc:h2:file:" + directory.resolve("pixflow"))
                .hasMessageNotContaining("\n");
    }

    @Test
    void settingsNeverShowThePassword() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://db/pixflow?password=hunter2", "pix",
                "s3cret");

        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
    }

    private static Object scalar(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getObject(1);
        }
    }

    private static long migrationCount() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
