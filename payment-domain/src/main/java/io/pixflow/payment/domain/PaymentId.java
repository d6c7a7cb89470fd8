package io.pixflow.payment.domain;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A payment's public name: 25 random characters of {@code [A-Za-z0-9]} (about 148 bits).
 *
 * <p>Sequential ids let anyone walk through other people's payments; this one is unguessable, so holding it
 * is the payer's capability to see the page, the QR code and the live status. The same string is the BR Code
 * txid (field 62-05, at most 25 characters) and the bank's reconciliation key.
 */
public record PaymentId(String value) {

    public static final int LENGTH = 25;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{" + LENGTH + "}");

    public PaymentId {
        if (!isWellFormed(value)) {
            throw new InvalidValueException("id", "must be " + LENGTH + " letters or digits");
        }
    }

    public static PaymentId random(SecureRandom random) {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new PaymentId(new String(chars));
    }

    /** Lets an adapter answer "not found" for a string that cannot name any payment, without an exception. */
    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
