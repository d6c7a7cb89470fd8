package io.pixflow.payment.domain.pix;

import io.pixflow.payment.domain.AsciiCharacters;
import io.pixflow.payment.domain.InvalidValueException;
import java.util.Locale;
import java.util.Objects;

/**
 * A receiver's PIX key in its canonical form: CPF and CNPJ without punctuation, e-mail in lowercase, phone as
 * {@code +55} E.164, random keys as lowercase UUIDs. Check digits are verified, so a typo in a CPF or CNPJ is
 * caught before a payer sends money to the wrong place.
 */
public record PixKey(PixKeyType type, String value) {

    private static final int MAX_EMAIL_LENGTH = 77;

    public PixKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!isCanonical(type, value)) {
            throw new InvalidValueException("pix_key", "is not a valid " + type + " key in canonical form");
        }
    }

    private static boolean isCanonical(PixKeyType type, String value) {
        return switch (type) {
            case RANDOM -> isUuid(value);
            case EMAIL -> value.length() <= MAX_EMAIL_LENGTH && isEmail(value)
                    && value.equals(value.toLowerCase(Locale.ROOT));
            case PHONE -> isPhone(value);
            case CPF -> isCpfFormat(value) && isValidCpf(value);
            case CNPJ -> isCnpjFormat(value) && isValidCnpj(value);
        };
    }

    /**
     * Reads a key as people write it ({@code 123.456.789-09}, {@code Fulano@Example.com}) and returns its
     * canonical form.
     */
    public static PixKey parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException("pix_key", "is required");
        }
        String text = raw.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (isUuid(lower)) {
            return new PixKey(PixKeyType.RANDOM, lower);
        }
        if (text.indexOf('@') >= 0) {
            if (lower.length() > MAX_EMAIL_LENGTH || !isEmail(lower)) {
                throw new InvalidValueException("pix_key", "is not a valid e-mail key (at most 77 characters)");
            }
            return new PixKey(PixKeyType.EMAIL, lower);
        }
        if (text.startsWith("+")) {
            String phone = withoutSeparators(text, "()-");
            if (!isPhone(phone)) {
                throw new InvalidValueException("pix_key", "is not a Brazilian phone key such as +5511912345678");
            }
            return new PixKey(PixKeyType.PHONE, phone);
        }
        String document = withoutSeparators(text, "./-").toUpperCase(Locale.ROOT);
        if (isCpfFormat(document)) {
            if (!isValidCpf(document)) {
                throw new InvalidValueException("pix_key", "is not a valid CPF: its check digits do not match");
            }
            return new PixKey(PixKeyType.CPF, document);
        }
        if (isCnpjFormat(document)) {
            if (!isValidCnpj(document)) {
                throw new InvalidValueException("pix_key", "is not a valid CNPJ: its check digits do not match");
            }
            return new PixKey(PixKeyType.CNPJ, document);
        }
        throw new InvalidValueException("pix_key",
                "is not a CPF, CNPJ, e-mail, +55 phone or random (UUID) key");
    }

    // The formats are checked by hand rather than by regexes: every payment create reads its key through them.

    /** A lowercase UUID: 8, 4, 4, 4 and 12 of {@code 0-9a-f}, joined by hyphens. */
    private static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hyphenPlace = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphenPlace ? c != '-' : !isLowercaseHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowercaseHexDigit(char c) {
        return AsciiCharacters.isDigit(c) || c >= 'a' && c <= 'f';
    }

    /**
     * One {@code @} with something before it, and after it a {@code .} that is neither the first nor the last
     * character: {@code a@b.c.d} and {@code a@.b.c} pass, {@code a@.b} and {@code a@b.} do not. No ASCII blanks.
     */
    private static boolean isEmail(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || text.indexOf('@', at + 1) >= 0 || containsAsciiBlank(text)) {
            return false;
        }
        int dot = text.indexOf('.', at + 2);
        return dot >= 0 && dot < text.length() - 1;
    }

    private static boolean containsAsciiBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isAsciiBlank(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The blanks {@code \s} means in a Java regex, space and U+0009 to U+000D: a no-break space is no blank here. */
    private static boolean isAsciiBlank(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** The key as people write it, without the given punctuation and blanks: a loop, as keys are read per create. */
    private static String withoutSeparators(String text, String punctuation) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (punctuation.indexOf(c) < 0 && !isAsciiBlank(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** {@code +55}, an area code whose first digit is not 0, then 8 digits, or 9 and 8 digits for a mobile. */
    private static boolean isPhone(String text) {
        int length = text.length();
        return (length == 13 || length == 14 && text.charAt(5) == '9')
                && text.startsWith("+55") && text.charAt(3) != '0' && AsciiCharacters.isDigits(text, 3, length);
    }

    private static boolean isCpfFormat(String text) {
        return text.length() == 11 && AsciiCharacters.isDigits(text, 0, 11);
    }

    /** 12 of {@code 0-9A-Z}, then 2 check digits. */
    private static boolean isCnpjFormat(String text) {
        if (text.length() != 14 || !AsciiCharacters.isDigits(text, 12, 14)) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = text.charAt(i);
            if (!AsciiCharacters.isDigit(c) && (c < 'A' || c > 'Z')) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidCpf(String digits) {
        if (digits.chars().distinct().count() == 1) {
            return false;
        }
        return checkDigit(digits, 9, 10) == digits.charAt(9) - '0'
                && checkDigit(digits, 10, 11) == digits.charAt(10) - '0';
    }

    private static int checkDigit(String digits, int length, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (firstWeight - i);
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    /**
     * Validates both the numeric CNPJ and the alphanumeric one the Receita Federal issues from July 2026: each
     * character counts as its ASCII code minus 48, with the usual weights (2 to 9, repeating from the right).
     */
    static boolean isValidCnpj(String cnpj) {
        if (cnpj.chars().distinct().count() == 1) {
            return false;
        }
        return cnpjCheckDigit(cnpj, 12) == cnpj.charAt(12) - '0'
                && cnpjCheckDigit(cnpj, 13) == cnpj.charAt(13) - '0';
    }

    private static int cnpjCheckDigit(String cnpj, int length) {
        int sum = 0;
        int weight = 2;
        for (int i = length - 1; i >= 0; i--) {
            sum += (cnpj.charAt(i) - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    @Override
    public String toString() {
        return type + ":" + value;
    }
}
