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
import java.util.concurrent.CompletionException;
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
     * Stores the payment, with its idempotency key and request fingerprint when {@code key} is not null, and returns
     * once that is committed or failed. Not interruptible: a caller that stopped waiting could not know whether its
     * payment was stored.
     *
     * @throws SQLException what the database said, when this insert failed for another reason than a taken key
     */
    Outcome insert(Payment payment, IdempotencyKey key, String fingerprint) throws SQLException {
        Insert insert = new Insert(payment, key, fingerprint, new CompletableFuture<>());
        if (closed) {
            throw closedError();
        }
        queue.add(insert);
        // The writer may have stopped between the check above and the add; then nobody else will take this one.
        if (closed && queue.remove(insert)) {
            throw closedError();
        }
        try {
            return insert.outcome().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
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
                batch.add(queue.take());
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
        try (Connection connection = dataSource.getConnection()) {
            if (batch.size() == 1 || !writeTogether(connection, batch)) {
                writeOneByOne(connection, batch);
            }
        } catch (SQLException e) {
            failUnanswered(batch, e);
        }
    }

    /** @return false when the batch was rolled back because one of its inserts failed */
    private static boolean writeTogether(Connection connection, List<Insert> batch) throws SQLException {
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
            batch.forEach(insert -> insert.outcome().complete(Outcome.INSERTED));
            return true;
        } finally {
            JdbcPaymentRepository.restoreAutoCommit(connection);
        }
    }

    /** Each insert in its own transaction (auto-commit), with its own outcome. */
    private static void writeOneByOne(Connection connection, List<Insert> batch) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (Insert insert : batch) {
                try {
                    bind(statement, insert);
                    statement.executeUpdate();
                    insert.outcome().complete(Outcome.INSERTED);
                } catch (SQLException e) {
                    if (SqlErrors.isUniqueViolation(e)) {
                        insert.outcome().complete(Outcome.DUPLICATE);
                    } else if (isConnectionLost(e, connection)) {
                        throw e;
                    } else {
                        insert.outcome().completeExceptionally(e);
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
