package io.pixflow.adapter.persistence;

import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import java.sql.SQLException;

/** How the stores of this package read and report SQL errors, alike. */
final class SqlErrors {

    /** SQLSTATE of a unique-constraint violation: the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    static boolean isUniqueViolation(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The message names the operation and SQLSTATE only: driver messages can quote the row's values. */
    static PaymentStoreUnavailableException unavailable(String operation, SQLException e) {
        return new PaymentStoreUnavailableException(
                "payment store unavailable: could not " + operation + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
