package io.pixflow.adapter.persistence;

import static io.pixflow.adapter.persistence.PaymentRowMapper.bindInstant;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Payments in the {@code payment} table, over any {@link DataSource} in auto-commit mode (each call is one
 * transaction, committed before it returns). The SQL is standard, so it runs on H2 and PostgreSQL alike.
 *
 * <p>Every {@link SQLException} becomes a {@link PaymentStoreUnavailableException}, except the unique-key
 * violation that tells an idempotent insert the key is taken.
 */
public final class JdbcPaymentRepository implements PaymentRepository {

    /** SQLSTATE of a unique-constraint violation: the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public JdbcPaymentRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void insert(Payment payment) {
        Objects.requireNonNull(payment, "payment");
        try {
            insertRow(payment, null, null);
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new IllegalStateException("payment " + payment.id() + " is already stored", e);
            }
            throw unavailable("store payment", e);
        }
    }

    @Override
    public boolean insert(Payment payment, IdempotencyKey key, String requestFingerprint) {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        try {
            insertRow(payment, key, requestFingerprint);
            return true;
        } catch (SQLException e) {
            // A new payment's id and bank payment id are fresh random values, so the one unique constraint this
            // insert can break is the idempotency key's: a concurrent or earlier request took the key first.
            if (isUniqueViolation(e)) {
                return false;
            }
            throw unavailable("store payment", e);
        }
    }

    private void insertRow(Payment payment, IdempotencyKey key, String requestFingerprint) throws SQLException {
        String sql = """
                INSERT INTO payment (id, amount_centavos, status, bank_payment_id, br_code, description,
                                     created_at, expires_at, paid_at, version, idempotency_key, request_fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, payment.id().value());
            bindState(statement, 2, payment);
            if (key == null) {
                statement.setNull(11, Types.VARCHAR);
                statement.setNull(12, Types.VARCHAR);
            } else {
                statement.setString(11, key.value());
                statement.setString(12, requestFingerprint);
            }
            statement.executeUpdate();
        }
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        Objects.requireNonNull(id, "id");
        String sql = """
                SELECT %s
                FROM payment
                WHERE id = ?""".formatted(PaymentRowMapper.COLUMNS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id.value());
            return first(statement);
        } catch (SQLException e) {
            throw unavailable("find payment", e);
        }
    }

    @Override
    public Optional<Payment> findByBankPaymentId(UUID bankPaymentId) {
        Objects.requireNonNull(bankPaymentId, "bankPaymentId");
        String sql = """
                SELECT %s
                FROM payment
                WHERE bank_payment_id = ?""".formatted(PaymentRowMapper.COLUMNS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, bankPaymentId);
            return first(statement);
        } catch (SQLException e) {
            throw unavailable("find payment by bank payment id", e);
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
            throw unavailable("find payment by idempotency key", e);
        }
    }

    @Override
    public boolean compareAndSet(Payment current, Payment next) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
        if (!next.id().equals(current.id())) {
            throw new IllegalArgumentException("next must be the same payment as current");
        }
        // The version in the WHERE clause is the whole concurrency control: of two writers that read the same
        // version, the database lets only the first UPDATE match the row.
        String sql = """
                UPDATE payment
                SET amount_centavos = ?, status = ?, bank_payment_id = ?, br_code = ?, description = ?,
                    created_at = ?, expires_at = ?, paid_at = ?, version = ?
                WHERE id = ? AND version = ?""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bindState(statement, 1, next);
            statement.setString(10, current.id().value());
            statement.setLong(11, current.version());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("update payment", e);
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
            throw unavailable("find due payments", e);
        }
    }

    /** Binds everything but the id, in column order from amount_centavos to version: nine parameters. */
    private static void bindState(PreparedStatement statement, int first, Payment payment) throws SQLException {
        statement.setLong(first, payment.amount().centavos());
        statement.setString(first + 1, payment.status().name());
        statement.setObject(first + 2, payment.bankPaymentId());
        statement.setString(first + 3, payment.brCode());
        statement.setString(first + 4, payment.description());
        bindInstant(statement, first + 5, payment.createdAt());
        bindInstant(statement, first + 6, payment.expiresAt());
        bindInstant(statement, first + 7, payment.paidAt());
        statement.setLong(first + 8, payment.version());
    }

    private static Optional<Payment> first(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(PaymentRowMapper.map(rows)) : Optional.empty();
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The message names the operation and SQLSTATE only: driver messages can quote the row's values. */
    private static PaymentStoreUnavailableException unavailable(String operation, SQLException e) {
        return new PaymentStoreUnavailableException(
                "payment store unavailable: could not " + operation + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
