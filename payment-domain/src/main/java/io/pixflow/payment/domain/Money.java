package io.pixflow.payment.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of Brazilian reais, held exactly as whole centavos.
 *
 * <p>Always positive and at most R$ 9 999 999 999,99: the largest amount that fits the 13 characters of
 * BR Code field 54. {@code Money.ofReais("1.5")} equals {@code Money.ofReais("1.50")}.
 */
public record Money(long centavos) implements Comparable<Money> {

    public static final long MAX_CENTAVOS = 999_999_999_999L;
    private static final int MAX_WHOLE_DIGITS = 13;

    public Money {
        if (centavos <= 0) {
            throw new InvalidValueException("value", "must be greater than zero");
        }
        if (centavos > MAX_CENTAVOS) {
            throw new InvalidValueException("value", "must be at most 9999999999.99");
        }
    }

    public static Money ofCentavos(long centavos) {
        return new Money(centavos);
    }

    /** Reads a decimal such as {@code 1500}, {@code 1500.5} or {@code 1500.50}; more than two decimals are refused. */
    public static Money ofReais(BigDecimal reais) {
        if (reais == null) {
            throw new InvalidValueException("value", "is required");
        }
        BigDecimal stripped = reais.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new InvalidValueException("value", "must have at most 2 decimal places");
        }
        if (stripped.signum() <= 0) {
            throw new InvalidValueException("value", "must be greater than zero");
        }
        if (stripped.compareTo(BigDecimal.valueOf(MAX_CENTAVOS, 2)) > 0) {
            throw new InvalidValueException("value", "must be at most 9999999999.99");
        }
        return new Money(stripped.movePointRight(2).longValueExact());
    }

    public static Money ofReais(String reais) {
        if (reais == null || reais.isBlank()) {
            throw new InvalidValueException("value", "is required");
        }
        if (!isPlainDecimal(reais)) {
            throw new InvalidValueException("value", "must be a decimal number such as 1500.00");
        }
        return ofReais(new BigDecimal(reais));
    }

    /**
     * 1 to 13 digits, then optionally a point and at least one digit. Checked by hand rather than by a regex, as
     * it runs on every create; ASCII digits only, which {@link BigDecimal} alone would not insist on.
     */
    private static boolean isPlainDecimal(String text) {
        int point = text.indexOf('.');
        int wholeDigits = point < 0 ? text.length() : point;
        if (wholeDigits < 1 || wholeDigits > MAX_WHOLE_DIGITS || !AsciiCharacters.isDigits(text, 0, wholeDigits)) {
            return false;
        }
        return point < 0 || point < text.length() - 1 && AsciiCharacters.isDigits(text, point + 1, text.length());
    }

    public BigDecimal toReais() {
        return BigDecimal.valueOf(centavos, 2);
    }

    /** The amount as BR Code field 54 and the bank's {@code valor} write it: {@code 1500.00}. */
    public String toPlainString() {
        return toReais().setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(centavos, other.centavos);
    }

    @Override
    public String toString() {
        return "BRL " + toPlainString();
    }
}
