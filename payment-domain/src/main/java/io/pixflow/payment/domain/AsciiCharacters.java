package io.pixflow.payment.domain;

/**
 * The character classes the PIX formats are written in, ASCII only: {@link Character#isDigit} would also take
 * "١٢٣". Checked by hand rather than by regexes because every create builds and checks a code, a key, an id and
 * an amount.
 */
public final class AsciiCharacters {

    private AsciiCharacters() {
    }

    /** {@code 0-9}, as {@code \d} means in a Java regex. */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether the characters of {@code text} from {@code from} (inclusive) to {@code to} (exclusive) are 0-9. */
    public static boolean isDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the characters of {@code text} from {@code from} to {@code to} are all {@code A-Za-z0-9}. */
    public static boolean isLettersOrDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c) && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
