package io.pixflow.payment.domain;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * A payment's public name: 25 characters of {@code [A-Za-z0-9]}, the first 7 the creation time and the other 18
 * random (about 107 bits).
 *
 * <p>Sequential ids let anyone walk through other people's payments; this one is unguessable, so holding it
 * is the payer's capability to see the page, the QR code and the live status. The same string is the BR Code
 * txid (field 62-05, at most 25 characters) and the bank's reconciliation key.
 *
 * <p>Why the time in front: ids made later sort after earlier ones, so a new payment's key lands at the end of
 * the database's index, next to the one before it, instead of on a random page of it. On the embedded database
 * that is most of the cost of storing a payment (every insert rewrites each index page it touches). The time is
 * no secret (the page shows when the payment was made); 18 random characters are still far beyond guessing.
 */
public record PaymentId(String value) {

    public static final int LENGTH = 25;
    /** In ascending character order, so that the order of ids is the order of their times. */
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Milliseconds since 1970 in 7 base-62 digits: enough until the year 2081, after which the order wraps. */
    private static final int TIME_DIGITS = 7;
    private static final long TIME_SPAN = pow(DIGITS.length(), TIME_DIGITS);
    /** Bytes drawn beyond the 18 needed, so that a few dropped ones rarely take a second call. */
    private static final int RESERVE_BYTES = 7;

    public PaymentId {
        if (!isWellFormed(value)) {
            throw new InvalidValueException("id", "must be " + LENGTH + " letters or digits");
        }
    }

    /** A new id for a payment created at {@code now}. */
    public static PaymentId generate(Instant now, SecureRandom random) {
        char[] chars = new char[LENGTH];
        long time = Math.floorMod(now.toEpochMilli(), TIME_SPAN);
        for (int i = TIME_DIGITS - 1; i >= 0; i--) {
            chars[i] = DIGITS.charAt((int) (time % DIGITS.length()));
            time /= DIGITS.length();
        }
        // Random bytes in one call, not one call per character: each call of a SecureRandom is costly. Six bits
        // per byte pick one of 64; the two values past the 62 digits are dropped, so every digit is as likely.
        byte[] bytes = new byte[LENGTH - TIME_DIGITS + RESERVE_BYTES];
        int filled = TIME_DIGITS;
        while (filled < LENGTH) {
            random.nextBytes(bytes);
            for (int i = 0; i < bytes.length && filled < LENGTH; i++) {
                int pick = bytes[i] & 0x3F;
                if (pick < DIGITS.length()) {
                    chars[filled++] = DIGITS.charAt(pick);
                }
            }
        }
        return new PaymentId(new String(chars));
    }

    private static long pow(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    /** Lets an adapter answer "not found" for a string that cannot name any payment, without an exception. */
    public static boolean isWellFormed(String value) {
        return value != null && value.length() == LENGTH && AsciiCharacters.isLettersOrDigits(value, 0, LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
