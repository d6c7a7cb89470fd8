package io.pixflow.adapter.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTest {

    @Nested
    class ChosenFromAcceptLanguage {

        @ParameterizedTest(name = "\"{0}\" → {1}")
        @CsvSource(delimiter = '|', value = {
                "en-US,en;q=0.9                      | ENGLISH",
                "en                                  | ENGLISH",
                "EN-gb                               | ENGLISH",
                "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7 | PORTUGUESE",
                "fr-FR, en;q=0.5                     | ENGLISH",
                "en;q=0.1, pt;q=0.9                  | PORTUGUESE",
                "pt;q=0.4, en;q=0.8                  | ENGLISH",
                "en;q=0, fr                          | PORTUGUESE",
                "de, fr                              | PORTUGUESE",
                "*;q=0.5, en;q=0.4                   | PORTUGUESE",
                "en;q=0.5, pt;q=0.5                  | ENGLISH",
                "en_US                               | ENGLISH",
                "pt;q=banana, en;q=0.3               | ENGLISH",
                "<script>, en                        | ENGLISH",
        })
        void theSupportedLanguageWithTheHighestQualityWins(String header, Language expected) {
            assertThat(Language.preferredBy(header)).isEqualTo(expected);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", ";;;,,,", "q=1", "en;q=7"})
        void noUsableHeaderMeansPortuguese(String header) {
            assertThat(Language.preferredBy(header)).isEqualTo(Language.PORTUGUESE);
        }
    }

    @Nested
    class FormattingAmounts {

        @ParameterizedTest(name = "{0} → \"{1}\"")
        @CsvSource(delimiter = '|', value = {
                "1500.00       | R$ 1.500,00",
                "0.01          | R$ 0,01",
                "10.5          | R$ 10,50",
                "999           | R$ 999,00",
                "9999999999.99 | R$ 9.999.999.999,99",
        })
        void portugueseWritesReaisTheBrazilianWay(String reais, String expected) {
            assertThat(Language.PORTUGUESE.format(Money.ofReais(reais))).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} → \"{1}\"")
        @CsvSource(delimiter = '|', value = {
                "1500.00       | R$1,500.00",
                "0.01          | R$0.01",
                "9999999999.99 | R$9,999,999,999.99",
        })
        void englishWritesReaisWithEnglishSeparators(String reais, String expected) {
            assertThat(Language.ENGLISH.format(Money.ofReais(reais))).isEqualTo(expected);
        }
    }

    @Test
    void bothLanguagesHaveATextForEveryKey() {
        Messages messages = new Messages();

        assertThat(messages.in(Language.ENGLISH).keySet())
                .isNotEmpty()
                .isEqualTo(messages.in(Language.PORTUGUESE).keySet());
        assertThat(messages.in(Language.PORTUGUESE)).containsEntry("paid.heading", "Pagamento aprovado");
        assertThat(messages.in(Language.ENGLISH)).containsEntry("paid.heading", "Payment approved");
    }
}
