package io.pixflow.payment.domain.pix;

import io.pixflow.payment.domain.InvalidValueException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A receiver's PIX key in its canonical form: CPF and CNPJ without punctuation, e-mail in lowercase, phone as
 * {@code +55} E.164, random keys as lowercase UUIDs. Check digits are verified, so a typo in a CPF or CNPJ is
 * caught before a payer sends money to the wrong place.
 */
public record PixKey(PixKeyType type, String value) {

    private static final Pattern RANDOM = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+55[1-9][0-9]9?[0-9]{8}");
    private static final Pattern CPF = Pattern.compile("[0-9]{11}");
    private static final Pattern CNPJ = Pattern.compile("[0-9A-Z]{12}[0-9]{2}");
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
            case RANDOM -> RANDOM.matcher(value).matches();
            case EMAIL -> value.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(value).matches()
                    && value.equals(value.toLowerCase(Locale.ROOT));
            case PHONE -> PHONE.matcher(value).matches();
            case CPF -> CPF.matcher(value).matches() && isValidCpf(value);
            case CNPJ -> CNPJ.matcher(value).matches() && isValidCnpj(value);
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
        if (RANDOM.matcher(lower).matches()) {
            return new PixKey(PixKeyType.RANDOM, lower);
        }
        if (text.indexOf('@') >= 0) {
            if (lower.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(lower).matches()) {
                throw new InvalidValueException("pix_key", "is not a valid e-mail key (at most 77 characters)");
            }
            return new PixKey(PixKeyType.EMAIL, lower);
        }
        if (text.startsWith("+")) {
            String phone = text.replaceAll("[\\s()-]", "");
            if (!PHONE.matcher(phone).matches()) {
                throw new InvalidValueException("pix_key", "is not a Brazilian phone key such as +5511912345678");
            }
            return new PixKey(PixKeyType.PHONE, phone);
        }
        String document = text.replaceAll("[./\\-\\s]", "").toUpperCase(Locale.ROOT);
        if (CPF.matcher(document).matches()) {
            if (!isValidCpf(document)) {
                throw new InvalidValueException("pix_key", "is not a valid CPF: its check digits do not match");
            }
            return new PixKey(PixKeyType.CPF, document);
        }
        if (CNPJ.matcher(document).matches()) {
            if (!isValidCnpj(document)) {
                throw new InvalidValueException("pix_key", "is not a valid CNPJ: its check digits do not match");
            }
            return new PixKey(PixKeyType.CNPJ, document);
        }
        throw new InvalidValueException("pix_key",
                "is not a CPF, CNPJ, e-mail, +55 phone or random (UUID) key");
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
