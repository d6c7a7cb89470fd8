package io.pixflow.adapter.persistence;

import static io.pixflow.adapter.persistence.PaymentRowMapper.bindInstant;
import static io.pixflow.adapter.persistence.PaymentRowMapper.bindState;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;

/**
 * Payments in the {@code payment} table, over any {@link DataSource}. Each call is committed before it returns:
 * reads and updates in a transaction of their own, new payments in one shared with the other inserts waiting at
 * the same moment ({@link GroupCommit}). The SQL is standard, so it runs on H2 and PostgreSQL alike; only the
 * announcement of changes to other nodes is PostgreSQL's own ({@code pg_notify}).
 *
 * <p>Every {@link SQLException} becomes a {@link PaymentStoreUnavailableException}, except the unique-key
 * violation that tells an idempotent insert the key is taken.
 */
public final class JdbcPaymentRepository implements PaymentRepository, AutoCloseable {

    /**
     * Ids per query of {@link #findFinal}: one statement for the usual few, and far below what drivers and
     * databases accept as parameters (PostgreSQL's protocol allows 65 535) for thousands.
     */
    private static final int FIND_FINAL_CHUNK = 500;

    private final DataSource dataSource;
    private final boolean announcesChanges;
    private final GroupCommit inserts;

    /** Payments on any database; changes are not announced to other nodes. {@link #close} it before the pool. */
    public JdbcPaymentRepository(DataSource dataSource) {
        this(dataSource, false);
    }

    /**
     * @param announcesChanges on PostgreSQL: every change {@link #compareAndSet} stores is also announced on
     *                         {@link PaymentChangeListener#CHANNEL} in the same transaction
     */
    JdbcPaymentRepository(DataSource dataSource, boolean announcesChanges) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.announcesChanges = announcesChanges;
        this.inserts = new GroupCommit(dataSource);
    }

    @Override
    public CompletionStage<Void> insert(Payment payment) {
        Objects.requireNonNull(payment, "payment");
        return store(payment, null, null).thenAccept(outcome -> {
            if (outcome == GroupCommit.Outcome.DUPLICATE) {
                throw new IllegalStateException("payment " + payment.id() + " is already stored");
            }
        });
    }

    @Override
    public CompletionStage<Boolean> insert(Payment payment, IdempotencyKey key, String requestFingerprint) {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        // A new payment's id and bank payment id are fresh random values, so the one unique constraint this insert
        // can break is the idempotency key's: a concurrent or earlier request took the key first.
        return store(payment, key, requestFingerprint).thenApply(outcome -> outcome == GroupCommit.Outcome.INSERTED);
    }

    private CompletionStage<GroupCommit.Outcome> store(Payment payment, IdempotencyKey key, String requestFingerprint) {
        return inserts.insert(payment, key, requestFingerprint).exceptionally(failure -> {
            throw SqlErrors.unavailable("store payment",
                    failure instanceof SQLException sql ? sql : new SQLException(failure));
        });
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        Objects.requireNonNull(id, "id");
        return findOneWhere("id", id.value(), "find payment");
    }

    @Override
    public Optional<Payment> findByBankPaymentId(UUID bankPaymentId) {
        Objects.requireNonNull(bankPaymentId, "bankPaymentId");
        return findOneWhere("bank_payment_id", bankPaymentId, "find payment by bank payment id");
    }

    /** {@code column} is one of this class's own constants, never input: only the value is a parameter. */
    private Optional<Payment> findOneWhere(String column, Object value, String operation) {
        String sql = """
                SELECT %s
                FROM payment
                WHERE %s = ?""".formatted(PaymentRowMapper.COLUMNS, column);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, value);
            return first(statement);
        } catch (SQLException e) {
            throw SqlErrors.unavailable(operation, e);
        }
    }

    @Override
    public Optional<IdempotentCreation> findByIdempotencyKey(IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        String sql = """
                SELECT %s, request_fingerprint
                FROM payment
                WHERE idempotency_key = ?""".formatted(PaymentRowMapper.COLUMNS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.value());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IdempotentCreation(PaymentRowMapper.map(rows),
                        rows.getString("request_fingerprint")));
            }
        } catch (SQLException e) {
            throw SqlErrors.unavailable("find payment by idempotency key", e);
        }
    }

    @Override
    public boolean compareAndSet(Payment current, Payment next) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
        if (!next.id().equals(current.id())) {
            throw new IllegalArgumentException("next must be the same payment as current");
        }
        try (Connection connection = dataSource.getConnection()) {
            return announcesChanges ? updateAndAnnounce(connection, current, next) : update(connection, current, next);
        } catch (SQLException e) {
            throw SqlErrors.unavailable("update payment", e);
        }
    }

    /**
     * The update and its notification in one transaction: PostgreSQL delivers a notification when its transaction
     * commits and drops it when it rolls back, so the other nodes hear of exactly the changes that were stored.
     */
    private static boolean updateAndAnnounce(Connection connection, Payment current, Payment next)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (!update(connection, current, next)) {
                connection.rollback();
                return false;
            }
            try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, PaymentChangeListener.CHANNEL);
                notify.setString(2, next.id().value());
                notify.execute();
            }
            connection.commit();
            return true;
        } catch (SQLException e) {
            rollbackAfter(connection, e);
            throw e;
        } finally {
            restoreAutoCommit(connection);
        }
    }

    private static boolean update(Connection connection, Payment current, Payment next) throws SQLException {
        // The version in the WHERE clause is the whole concurrency control: of two writers that read the same
        // version, the database lets only the first UPDATE match the row.
        String sql = """
                UPDATE payment
                SET amount_centavos = ?, status = ?, bank_payment_id = ?, br_code = ?, description = ?,
                    created_at = ?, expires_at = ?, paid_at = ?, end_to_end_id = ?, version = ?
                WHERE id = ? AND version = ?""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindState(statement, 1, next);
            statement.setString(11, current.id().value());
            statement.setLong(12, current.version());
            return statement.executeUpdate() == 1;
        }
    }

    private static void rollbackAfter(Connection connection, SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Back to auto-commit, the state every other call of this class expects, before the connection goes back. */
    static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection is broken and the pool discards it; the call's outcome, decided already, stands.
        }
    }

    /** Stops the thread that writes new payments, after the inserts already asked for; later ones fail. */
    @Override
    public void close() {
        inserts.close();
    }

    @Override
    public List<Payment> findFinal(Collection<PaymentId> ids) {
        Objects.requireNonNull(ids, "ids");
        // Distinct, so that an id asked twice in different chunks is not found twice.
        List<PaymentId> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return List.of();
        }
        List<Payment> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < distinct.size(); from += FIND_FINAL_CHUNK) {
                List<PaymentId> chunk = distinct.subList(from, Math.min(from + FIND_FINAL_CHUNK, distinct.size()));
                findFinal(connection, chunk, found);
            }
        } catch (SQLException e) {
            throw SqlErrors.unavailable("find final payments", e);
        }
        return found;
    }

    private static void findFinal(Connection connection, List<PaymentId> ids, List<Payment> found)
            throws SQLException {
        String sql = """
                SELECT %s
                FROM payment
                WHERE id IN (%s) AND status IN ('PAID', 'EXPIRED', 'CANCELLED')"""
                .formatted(PaymentRowMapper.COLUMNS, String.join(", ", Collections.nCopies(ids.size(), "?")));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i).value());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(PaymentRowMapper.map(rows));
                }
            }
        }
    }

    @Override
    public List<Payment> findDue(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        // Served by the (status, expires_at) index; id breaks ties so that batches come in a stable order.
        String sql = """
                SELECT %s
                FROM payment
                WHERE status = 'PENDING' AND expires_at <= ?
                ORDER BY expires_at, id
                LIMIT ?""".formatted(PaymentRowMapper.COLUMNS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bindInstant(statement, 1, now);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                List<Payment> due = new ArrayList<>();
                while (rows.next()) {
                    due.add(PaymentRowMapper.map(rows));
                }
                return due;
            }
        } catch (SQLException e) {
            throw SqlErrors.unavailable("find due payments", e);
        }
    }

    private static Optional<Payment> first(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(PaymentRowMapper.map(rows)) : Optional.empty();
        }
    }

}
