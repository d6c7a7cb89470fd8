package io.pixflow.payment.domain;

import static io.pixflow.payment.domain.testing.RegexEquivalence.TRICKY_CHARACTERS;
import static io.pixflow.payment.domain.testing.RegexEquivalence.allStrings;
import static io.pixflow.payment.domain.testing.RegexEquivalence.answerOf;
import static io.pixflow.payment.domain.testing.RegexEquivalence.assertSameAnswers;
import static io.pixflow.payment.domain.testing.RegexEquivalence.oneEditAway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"1500, 150000, 1500.00", "1500.5, 150050, 1500.50", "0.01, 1, 0.01", "9999999999.99, 999999999999, 9999999999.99"})
    void readsReaisExactlyAsCentavos(String reais, long centavos, String plain) {
        Money money = Money.ofReais(new BigDecimal(reais));

        assertThat(money.centavos()).isEqualTo(centavos);
        assertThat(money.toPlainString()).isEqualTo(plain);
        assertThat(Money.ofReais(reais)).isEqualTo(money);
    }

    @Test
    void oneAndOnePointZeroZeroAreTheSameAmount() {
        assertThat(Money.ofReais(new BigDecimal("1.0"))).isEqualTo(Money.ofReais(new BigDecimal("1.00")))
                .isEqualTo(Money.ofCentavos(100));
        assertThat(Money.ofReais(new BigDecimal("1.500"))).isEqualTo(Money.ofReais("1.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1", "10000000000.00", "1.001", "0.005"})
    void refusesAmountsABrCodeCannotCarry(String reais) {
        assertThatThrownBy(() -> Money.ofReais(new BigDecimal(reais)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("value ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1,50", "1e3", "NaN", "+1", " 1"})
    void refusesTextThatIsNotAPlainDecimal(String reais) {
        assertThatThrownBy(() -> Money.ofReais(reais)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theMessageSaysWhatIsWrong() {
        assertThatThrownBy(() -> Money.ofReais(new BigDecimal("1.234")))
                .hasMessage("value must have at most 2 decimal places");
        assertThatThrownBy(() -> Money.ofCentavos(0)).hasMessage("value must be greater than zero");
    }

    /** The format was a regex until it showed in profiles of a create; this holds the new check to it. */
    @Test
    void readsTheTextsItsRegexAcceptedAndNoOthers() {
        Pattern regex = Pattern.compile("\\d{1,13}(\\.\\d+)?");
        // Every arrangement of up to 5 of these covers where the point, the digits and a stray character may stand.
        Set<String> inputs = allStrings("10.-e \u0661", 5);
        for (String valid : List.of("1234567890123", "1234567890123.45", "9999999999.99", "0.01")) {
            inputs.addAll(oneEditAway(valid, "09.,+-e" + TRICKY_CHARACTERS));
        }
        inputs.addAll(List.of("1".repeat(14), "1".repeat(13) + "." + "0".repeat(20), ".5", "5.", "1..5", "1.5.5",
                "\uFF11", "\u0661.00", "1.\u0660\u0660", "1_000", "1e3", "NaN", "Infinity", "0x10"));

        assertSameAnswers(inputs, reais -> answerOf(() -> Money.ofReais(reais)), reais -> {
            if (reais.isBlank()) {
                return "InvalidValueException value is required";
            }
            if (!regex.matcher(reais).matches()) {
                return "InvalidValueException value must be a decimal number such as 1500.00";
            }
            return answerOf(() -> Money.ofReais(new BigDecimal(reais)));
        });
    }
}
