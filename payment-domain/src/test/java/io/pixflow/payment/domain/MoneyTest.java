package io.pixflow.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
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
}
