package io.pixflow.payment.domain;

import static io.pixflow.payment.domain.testing.RegexEquivalence.allStrings;
import static io.pixflow.payment.domain.testing.RegexEquivalence.assertSameVerdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AsciiCharactersTest {

    @Test
    void aDigitIsWhatBackslashDMeansInARegex() {
        List<String> everyChar = new ArrayList<>();
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            everyChar.add(String.valueOf((char) c));
        }

        assertSameVerdicts("\\d", everyChar, text -> AsciiCharacters.isDigit(text.charAt(0)));
    }

    @Test
    void digitsAreWhatBackslashDStarMeansOverJustTheRangeGiven() {
        Set<String> texts = allStrings("09/: a\u0661\uFF10", 4);

        assertSameVerdicts("\\d*", texts, text -> AsciiCharacters.isDigits("x" + text + "x", 1, text.length() + 1));
    }

    @Test
    void lettersOrDigitsAreWhatTheirClassStarMeansOverJustTheRangeGiven() {
        Set<String> texts = allStrings("09AZaz/:@[`{\u0661\u00e9\u212a", 3);

        assertSameVerdicts("[A-Za-z0-9]*", texts,
                text -> AsciiCharacters.isLettersOrDigits("-" + text + "-", 1, text.length() + 1));
    }
}
