package io.pixflow.adapter.persistence;

import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes, A and B, on one PostgreSQL database (two {@link Database}s, as two servers would open it): what B
 * commits, A hears, and nothing else. A negative ("nothing was heard") is proved without sleeping: a later change
 * is made as a marker, and PostgreSQL delivers notifications in commit order, so once the marker is heard anything
 * sent before it would have been heard too.
 */
class PaymentChangeNotificationsPostgresTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    /** Closed last-opened first. */
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final List<PaymentId> heardByA = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnectsOfA = new AtomicInteger();
    private DatabaseSettings settings;
    private Database nodeA;
    private Database nodeB;

    @BeforeEach
    void twoNodesOnOneDatabase() {
        settings = POSTGRES.newDatabase();
        nodeA = open(settings);
        nodeB = open(settings);
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    @Test
    void aChangeCommittedOnOneNodeReachesTheListenerOfAnother() {
        listenOnA();

        Payment paid = storedAndPaid(nodeB.paymentRepository());

        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(heardByA).containsExactly(paid.id()));
    }

    @Test
    void theNodeThatCommittedAChangeHearsItToo() {
        List<PaymentId> heardByB = new CopyOnWriteArrayList<>();
        toClose.push(nodeB.listenForChanges(heardByB::add, () -> { }));

        Payment paid = storedAndPaid(nodeB.paymentRepository());

        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(heardByB).containsExactly(paid.id()));
    }

    @Test
    void aCompareAndSetThatLostAnnouncesNothing() {
        listenOnA();
        PaymentRepository payments = nodeB.paymentRepository();
        Payment pending = aPendingPayment().build();
        join(payments.insert(pending));
        assertThat(payments.compareAndSet(pending, pending.cancel(T0))).isTrue();

        assertThat(payments.compareAndSet(pending, pending.confirm(pending.amount(), T0))).isFalse();

        Payment marker = storedAndPaid(payments);
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(heardByA).contains(marker.id()));
        assertThat(heardByA).containsExactly(pending.id(), marker.id());
    }

    @Test
    void aChangeWhoseCommitFailsIsNotStoredAndAnnouncesNothing() throws SQLException {
        listenOnA();
        PaymentRepository payments = nodeB.paymentRepository();
        Payment pending = aPendingPayment().build();
        join(payments.insert(pending));
        execute(nodeB, """
                CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'refused at commit';
                END $$""");
        // Runs at COMMIT, after the UPDATE and the pg_notify succeeded: the whole transaction rolls back.
        execute(nodeB, """
                CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER UPDATE ON payment
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse()""");

        assertThatThrownBy(() -> payments.compareAndSet(pending, pending.confirm(pending.amount(), T0)))
                .isInstanceOf(PaymentStoreUnavailableException.class);

        assertThat(payments.findById(pending.id())).contains(pending);
        execute(nodeB, "DROP TRIGGER refuse_at_commit ON payment");
        Payment marker = storedAndPaid(payments);
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(heardByA).contains(marker.id()));
        assertThat(heardByA).containsExactly(marker.id());
    }

    @Test
    void aNotificationThatNamesNoPaymentIsIgnored() throws SQLException {
        listenOnA();

        execute(nodeB, "SELECT pg_notify('" + PaymentChangeListener.CHANNEL + "', 'not a payment id')");

        Payment marker = storedAndPaid(nodeB.paymentRepository());
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(heardByA).containsExactly(marker.id()));
    }

    @Test
    void aCallbackThatThrowsDoesNotStopTheListening() {
        AtomicInteger calls = new AtomicInteger();
        listenOnA(id -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("a subscriber's bug");
            }
            heardByA.add(id);
        });

        storedAndPaid(nodeB.paymentRepository());
        Payment second = storedAndPaid(nodeB.paymentRepository());

        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(heardByA).containsExactly(second.id()));
    }

    @Test
    void whenItsConnectionIsKilledTheListenerReconnectsSaysSoAndHearsNewChanges() throws SQLException {
        listenOnA();
        assertThat(reconnectsOfA).hasValue(0);

        assertThat(execute(nodeB, """
                SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = '%s'"""
                .formatted(PaymentChangeListener.NAME))).isEqualTo(1L);

        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(reconnectsOfA).hasValue(1));
        Payment paid = storedAndPaid(nodeB.paymentRepository());
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(heardByA).containsExactly(paid.id()));
    }

    @Test
    void aListenerConnectionThatDiesSilentlyIsFoundAndReplaced() throws Exception {
        FreezingProxy proxy = new FreezingProxy(POSTGRES.port());
        toClose.push(proxy);
        Database nodeBehindProxy = open(new DatabaseSettings(
                settings.jdbcUrl().replace(":" + POSTGRES.port() + "/", ":" + proxy.port() + "/"),
                settings.user(), settings.password(), 1, settings.connectionTimeout()));
        toClose.push(nodeBehindProxy.listenForChanges(heardByA::add, reconnectsOfA::incrementAndGet));
        int connectionsBefore = proxy.accepted();

        proxy.freeze();

        // Heartbeat (5 s) plus socket timeout (5 s), then a new connection is tried: the dead one was found.
        await().atMost(Duration.ofSeconds(30)).until(() -> proxy.accepted() > connectionsBefore);
        proxy.thaw();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reconnectsOfA).hasValue(1));
        Payment paid = storedAndPaid(nodeB.paymentRepository());
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(heardByA).containsExactly(paid.id()));
    }

    @Test
    void closingStopsTheListenerPromptlyAndReleasesItsConnection() throws SQLException {
        ChangeSubscription subscription = nodeA.listenForChanges(heardByA::add, () -> { });
        assertThat(listenerConnections()).isEqualTo(1L);

        long start = System.nanoTime();
        subscription.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals(PaymentChangeListener.NAME));
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(listenerConnections()).isZero());
    }

    @Test
    void closingTheDatabaseStopsItsListenersToo() {
        nodeA.listenForChanges(heardByA::add, () -> { });

        nodeA.close();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals(PaymentChangeListener.NAME));
    }

    private void listenOnA() {
        listenOnA(heardByA::add);
    }

    private void listenOnA(Consumer<PaymentId> changed) {
        toClose.push(nodeA.listenForChanges(changed, reconnectsOfA::incrementAndGet));
    }

    private Database open(DatabaseSettings databaseSettings) {
        Database database = Database.open(databaseSettings);
        toClose.push(database);
        return database;
    }

    private static Payment storedAndPaid(PaymentRepository payments) {
        Payment pending = aPendingPayment().build();
        join(payments.insert(pending));
        Payment paid = pending.confirm(pending.amount(), T0);
        assertThat(payments.compareAndSet(pending, paid)).isTrue();
        return paid;
    }

    private long listenerConnections() throws SQLException {
        return (Long) execute(nodeB, """
                SELECT COUNT(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = '%s'"""
                .formatted(PaymentChangeListener.NAME));
    }

    /** Runs one statement on the node's pool; the first column of the first row, if it returns rows. */
    private static Object execute(Database node, String sql) throws SQLException {
        try (Connection connection = node.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return null;
            }
            try (ResultSet row = statement.getResultSet()) {
                return row.next() ? row.getObject(1) : null;
            }
        }
    }
}
