package io.pixflow.adapter.persistence;

import static io.pixflow.adapter.persistence.PaymentRowMapper.bindInstant;

import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.TransferOutcome;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import io.pixflow.payment.domain.port.out.PixTransferLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * PIX transfers in the {@code pix_transfer} table, over any {@link DataSource} in auto-commit mode (each call is
 * one transaction, committed before it returns). The end-to-end id is the primary key, so of two deliveries of the
 * same transfer, even concurrent ones on different nodes, the database records exactly one.
 *
 * <p>Every {@link SQLException} becomes a {@link PaymentStoreUnavailableException}, except the duplicate key that
 * tells {@link #record} the transfer is already recorded.
 */
public final class JdbcPixTransferLog implements PixTransferLog {

    private final DataSource dataSource;

    public JdbcPixTransferLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public boolean record(PixTransfer transfer, TransferOutcome outcome, Instant recordedAt) {
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(recordedAt, "recordedAt");
        String sql = """
                INSERT INTO pix_transfer (end_to_end_id, txid, amount_centavos, received_at, outcome, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?)""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, transfer.endToEndId());
            statement.setString(2, transfer.txid());
            statement.setLong(3, transfer.amount().centavos());
            bindInstant(statement, 4, transfer.receivedAt());
            statement.setString(5, outcome.name());
            bindInstant(statement, 6, recordedAt);
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw SqlErrors.unavailable("record PIX transfer", e);
        }
    }

    @Override
    public Optional<TransferOutcome> outcomeOf(String endToEndId) {
        Objects.requireNonNull(endToEndId, "endToEndId");
        String sql = """
                SELECT outcome
                FROM pix_transfer
                WHERE end_to_end_id = ?""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, endToEndId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(TransferOutcome.valueOf(row.getString("outcome"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.unavailable("find PIX transfer outcome", e);
        }
    }
}
