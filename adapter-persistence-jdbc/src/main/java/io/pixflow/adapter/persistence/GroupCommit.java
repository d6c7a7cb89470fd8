package io.pixflow.adapter.persistence;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * New payments, written by one thread that stores every insert waiting at that moment in one transaction: group
 * commit. Each caller is answered only after the commit that holds its row, so an acknowledged payment is as
 * durable as before; but the database writes one commit for many payments. On embedded H2 a commit is most of an
 * insert's cost (it serialises and writes a new chunk of every B-tree page the transaction changed), and under
 * load a batch shares the pages that all new rows touch; on PostgreSQL a batch is one WAL flush instead of many.
 *
 * <p>A batch in which any insert fails is rolled back and written again one insert at a time, so that each caller
 * gets the outcome of its own row: a taken idempotency key, or some other row's error, never decides another
 * caller's payment.
 */
final class GroupCommit implements AutoCloseable {

    /** What happened to one insert. */
    enum Outcome {
        INSERTED,
        /** A unique key (the id, or the idempotency key) was already taken: nothing was written. */
        DUPLICATE
    }

    /** Enough to share the commit among every request a server has in flight, and to bound one transaction. */
    private static final int MAX_BATCH = 128;
    /**
     * Under load the next insert is microseconds away when the queue runs empty. A writer that parks then has to be
     * woken and scheduled again for it, which on a virtual machine leaves a CPU idle meanwhile; yielding a while
     * first costs nothing when other threads want the CPU, and little when none does. Measured with `wrk`, four
     * servers each: 5,732-6,248 creates/s parking at once, 5,560-6,965/s (6.6 % more on average) yielding first
     * (benchmarks/notes.md).
     */
    private static final int YIELDS_BEFORE_WAITING = 500;
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final String INSERT = """
            INSERT INTO payment (id, amount_centavos, status, bank_payment_id, br_code, description,
                                 created_at, expires_at, paid_at, end_to_end_id, version,
                                 idempotency_key, request_fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /** SQLSTATE class of connection errors (both databases): the connection is gone, so are the batch's hopes. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private record Insert(Payment payment, IdempotencyKey key, String fingerprint,
                          CompletableFuture<Outcome> outcome) {
    }

    /** Put on the queue by {@link #close}: the writer stops when it takes it. */
    private static final Insert STOP = new Insert(null, null, null, null);

    private final DataSource dataSource;
    private final BlockingQueue<Insert> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    GroupCommit(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.writer = new Thread(this::writeUntilStopped, "pixflow-db-insert");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues the payment, with its idempotency key and request fingerprint when {@code key} is not null, for the
     * next commit. The future completes on the writer's thread once that commit is done, or fails with what the
     * database said ({@link SQLException}) when this insert failed for another reason than a taken key. It is
     * answered only after the writer has given its connection back, so what depends on it may use the pool.
     */
    CompletableFuture<Outcome> insert(Payment payment, IdempotencyKey key, String fingerprint) {
        Insert insert = new Insert(payment, key, fingerprint, new CompletableFuture<>());
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        queue.add(insert);
        // The writer may have stopped between the check above and the add; then nobody else will take this one.
        if (closed && queue.remove(insert)) {
            return CompletableFuture.failedFuture(closedError());
        }
        return insert.outcome();
    }

    /** Writes what is queued already, then stops; inserts after this fail as if the database were closed. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            // Not interrupted: an interrupt inside H2's file I/O closes its channel and with it the database.
            writer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilStopped() {
        List<Insert> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                for (int yields = 0; yields < YIELDS_BEFORE_WAITING && queue.isEmpty(); yields++) {
                    Thread.yield();
                }
                batch.add(queue.take());
                // Under load, the threads about to queue inserts run first and share this commit; with nothing else
                // to run, yield returns at once and the lone insert is written without delay.
                int waiting;
                do {
                    waiting = queue.size();
                    Thread.yield();
                } while (queue.size() > waiting && waiting < MAX_BATCH);
                queue.drainTo(batch, MAX_BATCH - 1);
                stopping = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException | Error e) {
                // Whatever went wrong, no caller may wait for ever: each gets an error and the writer goes on.
                failUnanswered(batch, new SQLException("could not store the payment: " + e, e));
            } finally {
                batch.clear();
            }
        }
        List<Insert> left = new ArrayList<>();
        queue.drainTo(left);
        left.remove(STOP);
        failUnanswered(left, closedError());
    }

    private void write(List<Insert> batch) {
        // Answers wait until the connection is back in the pool: a caller's next step may well need one.
        List<Runnable> answers = new ArrayList<>(batch.size());
        SQLException failure = null;
        try (Connection connection = dataSource.getConnection()) {
            if (batch.size() == 1 || !writeTogether(connection, batch, answers)) {
                writeOneByOne(connection, batch, answers);
            }
        } catch (SQLException e) {
            failure = e;
        } finally {
            answers.forEach(Runnable::run);
        }
        if (failure != null) {
            failUnanswered(batch, failure);
        }
    }

    /** @return false when the batch was rolled back because one of its inserts failed */
    private static boolean writeTogether(Connection connection, List<Insert> batch, List<Runnable> answers)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                for (Insert insert : batch) {
                    bind(statement, insert);
                    statement.executeUpdate();
                }
            } catch (SQLException e) {
                connection.rollback();
                return false;
            }
            connection.commit();
            batch.forEach(insert -> answers.add(() -> insert.outcome().complete(Outcome.INSERTED)));
            return true;
        } finally {
            JdbcPaymentRepository.restoreAutoCommit(connection);
        }
    }

    /** Each insert in its own transaction (auto-commit), with its own outcome. */
    private static void writeOneByOne(Connection connection, List<Insert> batch, List<Runnable> answers)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (Insert insert : batch) {
                try {
                    bind(statement, insert);
                    statement.executeUpdate();
                    answers.add(() -> insert.outcome().complete(Outcome.INSERTED));
                } catch (SQLException e) {
                    if (SqlErrors.isUniqueViolation(e)) {
                        answers.add(() -> insert.outcome().complete(Outcome.DUPLICATE));
                    } else if (isConnectionLost(e, connection)) {
                        throw e;
                    } else {
                        answers.add(() -> insert.outcome().completeExceptionally(e));
                    }
                }
            }
        }
    }

    private static boolean isConnectionLost(SQLException e, Connection connection) throws SQLException {
        return connection.isClosed()
                || (e.getSQLState() != null && e.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS));
    }

    private static void bind(PreparedStatement statement, Insert insert) throws SQLException {
        statement.setString(1, insert.payment().id().value());
        PaymentRowMapper.bindState(statement, 2, insert.payment());
        if (insert.key() == null) {
            statement.setNull(12, Types.VARCHAR);
            statement.setNull(13, Types.VARCHAR);
        } else {
            statement.setString(12, insert.key().value());
            statement.setString(13, insert.fingerprint());
        }
    }

    private static void failUnanswered(List<Insert> inserts, SQLException failure) {
        inserts.forEach(insert -> insert.outcome().completeExceptionally(failure));
    }

    private static SQLException closedError() {
        return new SQLException("the database is closed", "08003");
    }
}
