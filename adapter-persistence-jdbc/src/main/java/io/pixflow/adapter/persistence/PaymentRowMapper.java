package io.pixflow.adapter.persistence;

import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Turns a row of {@code payment} into a {@link Payment} and back, and instants into column values and back. */
final class PaymentRowMapper {

    /** The columns {@link #map} reads: the select list of every query for a payment. */
    static final String COLUMNS = """
            id, amount_centavos, status, bank_payment_id, br_code, description,
            created_at, expires_at, paid_at, end_to_end_id, version""";

    private PaymentRowMapper() {
    }

    /** The payment in the current row; {@link Payment#restore} checks it again, so a corrupt row is refused. */
    static Payment map(ResultSet row) throws SQLException {
        return Payment.restore(
                new PaymentId(row.getString("id")),
                Money.ofCentavos(row.getLong("amount_centavos")),
                PaymentStatus.valueOf(row.getString("status")),
                row.getObject("bank_payment_id", UUID.class),
                row.getString("br_code"),
                row.getString("description"),
                instant(row, "created_at"),
                instant(row, "expires_at"),
                instant(row, "paid_at"),
                row.getString("end_to_end_id"),
                row.getLong("version"));
    }

    /** Binds everything but the id, in column order from amount_centavos to version: ten parameters. */
    static void bindState(PreparedStatement statement, int first, Payment payment) throws SQLException {
        statement.setLong(first, payment.amount().centavos());
        statement.setString(first + 1, payment.status().name());
        statement.setObject(first + 2, payment.bankPaymentId());
        statement.setString(first + 3, payment.brCode());
        statement.setString(first + 4, payment.description());
        bindInstant(statement, first + 5, payment.createdAt());
        bindInstant(statement, first + 6, payment.expiresAt());
        bindInstant(statement, first + 7, payment.paidAt());
        statement.setString(first + 8, payment.endToEndId());
        statement.setLong(first + 9, payment.version());
    }

    /**
     * Binds an instant to a {@code TIMESTAMP WITH TIME ZONE} parameter. {@code OffsetDateTime} in UTC is the type
     * JDBC 4.2 maps to that column in both H2 and PostgreSQL, with every microsecond kept; {@code Timestamp}
     * would go through the JVM's default time zone.
     */
    static void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
