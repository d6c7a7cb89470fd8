package io.pixflow.payment.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.PaymentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Shows that a check written out by hand accepts exactly the strings the regex it replaced accepted, over inputs
 * near the edges of both: every short string over a small alphabet, and every string one typo away from a valid
 * one.
 */
public final class RegexEquivalence {

    /**
     * The ASCII characters just outside the ranges regexes name (/ : @ [ ` and the opening brace), the blanks
     * {@code \s} covers and two it does not (U+00A0, U+2003), non-ASCII digits (Arabic-Indic one, fullwidth zero)
     * and letters that change case into or out of ASCII (é, dotted capital I, the Kelvin sign, the long s).
     */
    public static final String TRICKY_CHARACTERS =
            "/:@[`{ \t\n\u000B\f\r\u00A0\u2003\u0661\uFF10\u00E9\u0130\u212A\u017F";

    private RegexEquivalence() {
    }

    /** {@code valid} itself and every string one deletion, insertion or substitution (from {@code alphabet}) away. */
    public static Set<String> oneEditAway(String valid, String alphabet) {
        Set<String> edits = new LinkedHashSet<>();
        edits.add(valid);
        for (int i = 0; i <= valid.length(); i++) {
            String before = valid.substring(0, i);
            if (i < valid.length()) {
                edits.add(before + valid.substring(i + 1));
            }
            for (char c : alphabet.toCharArray()) {
                edits.add(before + c + valid.substring(i));
                if (i < valid.length()) {
                    edits.add(before + c + valid.substring(i + 1));
                }
            }
        }
        return edits;
    }

    /** Every string of at most {@code maxLength} characters from {@code alphabet}, the empty one included. */
    public static Set<String> allStrings(String alphabet, int maxLength) {
        Set<String> all = new LinkedHashSet<>();
        List<String> shorter = List.of("");
        all.add("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> longer = new ArrayList<>();
            for (String prefix : shorter) {
                for (char c : alphabet.toCharArray()) {
                    longer.add(prefix + c);
                }
            }
            all.addAll(longer);
            shorter = longer;
        }
        return all;
    }

    /** Fails listing every input on which {@code check} and a whole-string match of {@code regex} disagree. */
    public static void assertSameVerdicts(String regex, Collection<String> inputs, Predicate<String> check) {
        Pattern pattern = Pattern.compile(regex);
        assertSameAnswers(inputs, input -> String.valueOf(check.test(input)),
                input -> String.valueOf(pattern.matcher(input).matches()));
    }

    /** Fails listing every input on which the two give different answers. */
    public static void assertSameAnswers(Collection<String> inputs, Function<String, String> now,
            Function<String, String> before) {
        List<String> disagreements = new ArrayList<>();
        for (String input : inputs) {
            String expected = before.apply(input);
            String actual = now.apply(input);
            if (!actual.equals(expected)) {
                disagreements.add(visible(input) + ": " + actual + " instead of " + expected);
            }
        }
        assertThat(disagreements).as("inputs answered differently, of %d", inputs.size()).isEmpty();
    }

    /** What {@code action} returns, or the type and message of the {@link PaymentException} it refuses with. */
    public static String answerOf(Supplier<?> action) {
        try {
            return "returns " + action.get();
        } catch (PaymentException e) {
            return e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    /** {@code accepted}, or the type and message of the {@link PaymentException} {@code action} refuses with. */
    public static String verdictOf(Runnable action) {
        try {
            action.run();
            return "accepted";
        } catch (PaymentException e) {
            return e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    private static String visible(String input) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : input.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return out.append('"').toString();
    }
}
