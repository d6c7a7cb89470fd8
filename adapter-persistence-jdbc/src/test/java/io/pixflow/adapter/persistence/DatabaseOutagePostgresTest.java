package io.pixflow.adapter.persistence;

import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops and comes back, as in a restart or a failover to the same address: the health check and the
 * callers learn of it within seconds, and the open {@link Database} recovers by itself, with nothing reopened.
 * Each test has a server of its own (on the same port and data directory across the restart), not the shared one.
 */
class DatabaseOutagePostgresTest {

    /** The pool's connection timeout (3 s) and the validation of a held connection (1 s), plus slack. */
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgres server;
    private DatabaseSettings settings;
    private Database database;

    @BeforeEach
    void startServerAndOpen() throws IOException {
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
        settings = new DatabaseSettings("jdbc:postgresql://localhost:" + server.getPort() + "/postgres", "postgres",
                null, 2, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT);
        database = Database.open(settings);
    }

    @AfterEach
    void closeAll() throws IOException {
        database.close();
        server.close();
    }

    @Test
    void whileTheServerIsDownHealthIsFalseAndCallsFailFastThenBothRecoverWithoutReopening() throws IOException {
        Payment payment = aPendingPayment().build();
        join(database.paymentRepository().insert(payment));
        assertThat(database.isReachable()).isTrue();

        server.close();

        assertTimeoutPreemptively(WITHIN_SECONDS, () -> {
            assertThat(database.isReachable()).isFalse();
            assertThatThrownBy(() -> database.paymentRepository().findById(payment.id()))
                    .isInstanceOf(PaymentStoreUnavailableException.class);
        });

        restartServer();

        await().atMost(WITHIN_SECONDS).until(database::isReachable);
        assertThat(database.paymentRepository().findById(payment.id())).contains(payment);
    }

    @Test
    void onceTheHealthCheckSawTheOutageNoRequestIsServedOnAConnectionFromBeforeIt() throws IOException {
        Payment payment = aPendingPayment().build();
        join(database.paymentRepository().insert(payment));
        server.close();
        assertThat(database.isReachable()).isFalse();

        restartServer();

        // The pool hands out a connection used in the last 500 ms unchecked, as both were moments before the outage.
        assertThat(database.paymentRepository().findById(payment.id())).contains(payment);
    }

    @Test
    void theChangeListenerComesBackWithTheServerAndSaysSo() throws IOException {
        List<PaymentId> heard = new CopyOnWriteArrayList<>();
        AtomicInteger reconnects = new AtomicInteger();
        database.listenForChanges(heard::add, reconnects::incrementAndGet);

        server.close();
        restartServer();

        await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(reconnects).hasValue(1));
        try (Database otherNode = Database.open(settings)) {
            Payment pending = aPendingPayment().build();
            join(otherNode.paymentRepository().insert(pending));
            otherNode.paymentRepository().compareAndSet(pending, pending.cancel(pending.createdAt()));
            await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(heard).containsExactly(pending.id()));
        }
    }

    private void restartServer() throws IOException {
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(server.getPort())
                .start();
    }
}
