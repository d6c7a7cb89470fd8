package io.pixflow.payment.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PIX transfer the bank says was received, as the Banco Central's API Pix callback describes it
 * ({@code endToEndId}, {@code txid}, {@code valor}, {@code horario}).
 *
 * @param endToEndId the transfer's unique end-to-end id ({@code E} + ISPB + time + sequence: 32 letters or digits);
 *                   the same transfer delivered twice carries the same one
 * @param txid       the txid of the BR Code that was paid: a PixFlow payment id, or whatever else was in the code
 *                   ({@code null} when the code had none)
 * @param receivedAt when the bank says the transfer settled
 */
public record PixTransfer(String endToEndId, String txid, Money amount, Instant receivedAt) {

    private static final Pattern END_TO_END_ID = Pattern.compile("[A-Za-z0-9]{32}");

    public PixTransfer {
        if (!isEndToEndId(endToEndId)) {
            throw new InvalidValueException("endToEndId", "must be the transfer's 32-character end-to-end id");
        }
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    static boolean isEndToEndId(String value) {
        return value != null && END_TO_END_ID.matcher(value).matches();
    }
}
