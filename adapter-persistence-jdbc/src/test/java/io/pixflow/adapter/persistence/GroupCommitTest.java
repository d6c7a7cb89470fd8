package io.pixflow.adapter.persistence;

import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.adapter.persistence.GroupCommit.Outcome;
import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: inserts that wait together are committed together, each caller hears of its own row only, and
 * nobody is answered before the commit that holds their payment. The writer is held at its first connection so
 * that the test decides which inserts wait together: an insert is queued when {@code insert} returns.
 */
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private Database database;
    private final CountDownLatch writerHeld = new CountDownLatch(1);
    private final CountDownLatch releaseWriter = new CountDownLatch(1);
    private final AtomicInteger connectionsTaken = new AtomicInteger();
    private GroupCommit inserts;

    @BeforeEach
    void open() {
        database = Database.open(new DatabaseSettings("jdbc:h2:file:" + directory.resolve("pixflow"), "sa", ""));
        inserts = new GroupCommit(heldAtFirstConnection(database.dataSource()));
    }

    @AfterEach
    void close() {
        releaseWriter.countDown();
        inserts.close();
        database.close();
    }

    @Test
    void insertsWaitingTogetherAreStoredInOneTransaction() throws Exception {
        CompletableFuture<Outcome> first = holdTheWriterOnAFirstInsert();
        List<Payment> waiting = new ArrayList<>();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            Payment payment = aPendingPayment().build();
            waiting.add(payment);
            outcomes.add(insert(payment, null));
        }

        releaseWriter.countDown();

        assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.INSERTED);
        for (CompletableFuture<Outcome> outcome : outcomes) {
            assertThat(outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.INSERTED);
        }
        // One connection for the first insert, one for the 31 that queued behind it.
        assertThat(connectionsTaken).hasValue(2);
        for (Payment payment : waiting) {
            assertThat(database.paymentRepository().findById(payment.id())).contains(payment);
        }
    }

    @Test
    void aTakenIdempotencyKeyInABatchRefusesOnlyTheLaterInsert() throws Exception {
        holdTheWriterOnAFirstInsert();
        Payment earlier = aPendingPayment().build();
        Payment later = aPendingPayment().build();
        Payment unrelated = aPendingPayment().build();
        CompletableFuture<Outcome> earlierOutcome = insert(earlier, new IdempotencyKey("order-7"));
        CompletableFuture<Outcome> laterOutcome = insert(later, new IdempotencyKey("order-7"));
        CompletableFuture<Outcome> unrelatedOutcome = insert(unrelated, null);

        releaseWriter.countDown();

        assertThat(earlierOutcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.INSERTED);
        assertThat(laterOutcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.DUPLICATE);
        assertThat(unrelatedOutcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.INSERTED);
        assertThat(database.paymentRepository().findById(earlier.id())).contains(earlier);
        assertThat(database.paymentRepository().findById(later.id())).isEmpty();
        assertThat(database.paymentRepository().findById(unrelated.id())).contains(unrelated);
    }

    @Test
    void aRowTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsStored() throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE payment ADD CONSTRAINT no_refunds CHECK (description <> 'refund')");
        }
        holdTheWriterOnAFirstInsert();
        Payment before = aPendingPayment().build();
        Payment refused = aPendingPayment().description("refund").build();
        Payment after = aPendingPayment().build();
        CompletableFuture<Outcome> beforeOutcome = insert(before, null);
        CompletableFuture<Outcome> refusedOutcome = insert(refused, null);
        CompletableFuture<Outcome> afterOutcome = insert(after, null);

        releaseWriter.countDown();

        assertThat(beforeOutcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.INSERTED);
        assertThat(afterOutcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.INSERTED);
        assertThat(refusedOutcome).failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOf(SQLException.class);
        assertThat(database.paymentRepository().findById(before.id())).contains(before);
        assertThat(database.paymentRepository().findById(after.id())).contains(after);
        assertThat(database.paymentRepository().findById(refused.id())).isEmpty();
    }

    @Test
    void closingWritesWhatWasAskedForAndRefusesWhatComesAfter() throws Exception {
        holdTheWriterOnAFirstInsert();
        Payment queued = aPendingPayment().build();
        CompletableFuture<Outcome> queuedOutcome = insert(queued, null);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(inserts::close);

        releaseWriter.countDown();

        closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(queuedOutcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Outcome.INSERTED);
        assertThat(database.paymentRepository().findById(queued.id())).contains(queued);
        Payment late = aPendingPayment().build();
        assertThat(inserts.insert(late, null, null)).failsWithin(WAIT).withThrowableThat()
                .havingCause().isInstanceOf(SQLException.class).withMessageContaining("closed");
        assertThat(database.paymentRepository().findById(late.id())).isEmpty();
    }

    @Test
    void anInsertIsAnsweredOnlyOnceTheWriterGaveItsConnectionBack() {
        releaseWriter.countDown();
        try (Database onePooledConnection = Database.open(new DatabaseSettings(
                "jdbc:h2:file:" + directory.resolve("one-connection"), "sa", "", 1, Duration.ofSeconds(2)));
             GroupCommit writer = new GroupCommit(onePooledConnection.dataSource())) {
            Payment payment = aPendingPayment().build();

            // What follows an insert, such as an idempotent create reading the key again, needs a connection too.
            CompletableFuture<Boolean> readBack = writer.insert(payment, null, null).thenApply(outcome ->
                    onePooledConnection.paymentRepository().findById(payment.id()).isPresent());

            assertThat(readBack).succeedsWithin(WAIT).isEqualTo(true);
        }
    }

    /** Queues an insert whose writer then waits at its connection until the test releases it. */
    private CompletableFuture<Outcome> holdTheWriterOnAFirstInsert() throws InterruptedException {
        CompletableFuture<Outcome> first = insert(aPendingPayment().build(), null);
        assertThat(writerHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private CompletableFuture<Outcome> insert(Payment payment, IdempotencyKey key) {
        return inserts.insert(payment, key, key == null ? null : "fingerprint");
    }

    private DataSource heldAtFirstConnection(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && connectionsTaken.incrementAndGet() == 1) {
                        writerHeld.countDown();
                        assertThat(releaseWriter.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
