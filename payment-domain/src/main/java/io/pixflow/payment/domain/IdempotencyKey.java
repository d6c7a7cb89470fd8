package io.pixflow.payment.domain;

/**
 * A client's name for one creation request, so that a retry after a lost response returns the payment already
 * created instead of charging twice. 1 to 255 printable ASCII characters (a UUID is the usual choice).
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new InvalidValueException("Idempotency-Key",
                    "must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces");
        }
    }
}
