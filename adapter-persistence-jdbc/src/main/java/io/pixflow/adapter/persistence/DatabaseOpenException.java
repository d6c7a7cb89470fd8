package io.pixflow.adapter.persistence;

/**
 * The database could not be opened or migrated at start. The message is one line that names the JDBC URL (with
 * any password masked) and what went wrong, fit to stop the server with; the cause has the details.
 */
public class DatabaseOpenException extends RuntimeException {

    public DatabaseOpenException(String message, Throwable cause) {
        super(message, cause);
    }
}
