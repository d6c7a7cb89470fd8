package io.pixflow.payment.domain.pix;

import io.pixflow.payment.domain.InvalidBrCodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One EMV data object: a two-digit id, a two-digit length and a value of 1 to 99 characters.
 * A template's value is itself a sequence of data objects.
 */
public record Tlv(String id, String value) {

    public static final int MAX_VALUE_LENGTH = 99;

    public Tlv {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
        if (!isTwoDigits(id)) {
            throw new InvalidBrCodeException("field id '" + id + "' is not two digits");
        }
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidBrCodeException("field " + id + " must hold 1 to 99 characters, not " + value.length());
        }
    }

    /** A plain check rather than a regex: every field of every BR Code built or parsed goes through it. */
    private static boolean isTwoDigits(String text) {
        return text.length() == 2 && isDigit(text.charAt(0)) && isDigit(text.charAt(1));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public String encode() {
        return id + (value.length() < 10 ? "0" : "") + value.length() + value;
    }

    public static String encodeAll(List<Tlv> fields) {
        StringBuilder out = new StringBuilder();
        for (Tlv field : fields) {
            out.append(field.encode());
        }
        return out.toString();
    }

    /** Splits {@code text} into its data objects, in order. */
    public static List<Tlv> parseAll(String text) {
        Objects.requireNonNull(text, "text");
        List<Tlv> fields = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            if (at + 4 > text.length()) {
                throw new InvalidBrCodeException("truncated field header at position " + at);
            }
            String id = text.substring(at, at + 2);
            String length = text.substring(at + 2, at + 4);
            if (!isTwoDigits(length)) {
                throw new InvalidBrCodeException("field " + id + " at position " + at
                        + " has length '" + length + "', not two digits");
            }
            int end = at + 4 + Integer.parseInt(length);
            if (end > text.length()) {
                throw new InvalidBrCodeException("field " + id + " at position " + at + " claims " + length
                        + " characters but only " + (text.length() - at - 4) + " remain");
            }
            fields.add(new Tlv(id, text.substring(at + 4, end)));
            at = end;
        }
        return List.copyOf(fields);
    }
}
