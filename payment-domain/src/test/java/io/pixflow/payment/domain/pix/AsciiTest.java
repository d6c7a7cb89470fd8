package io.pixflow.payment.domain.pix;

import static io.pixflow.payment.domain.testing.RegexEquivalence.allStrings;
import static io.pixflow.payment.domain.testing.RegexEquivalence.assertSameVerdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AsciiTest {

    @Test
    void aDigitIsWhatBackslashDMeansInARegex() {
        List<String> everyChar = new ArrayList<>();
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            everyChar.add(String.valueOf((char) c));
        }

        assertSameVerdicts("\\d", everyChar, text -> Ascii.isDigit(text.charAt(0)));
    }

    @Test
    void digitsAreWhatBackslashDStarMeansOverJustTheRangeGiven() {
        Set<String> texts = allStrings("09/: a\u0661\uFF10", 4);

        assertSameVerdicts("\\d*", texts, text -> Ascii.isDigits("x" + text + "x", 1, text.length() + 1));
    }
}
