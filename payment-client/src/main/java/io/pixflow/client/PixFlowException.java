package io.pixflow.client;

/**
 * The server refused a request, or could not be reached.
 *
 * @see #code() the server's stable error code, such as {@code payment_not_found} or {@code invalid_value}
 */
public class PixFlowException extends RuntimeException {

    private final int status;
    private final String code;

    public PixFlowException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public PixFlowException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = "unreachable";
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
