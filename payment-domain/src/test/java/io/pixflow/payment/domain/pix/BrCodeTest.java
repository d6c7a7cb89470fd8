package io.pixflow.payment.domain.pix;

import static io.pixflow.payment.domain.testing.RegexEquivalence.TRICKY_CHARACTERS;
import static io.pixflow.payment.domain.testing.RegexEquivalence.allStrings;
import static io.pixflow.payment.domain.testing.RegexEquivalence.assertSameAnswers;
import static io.pixflow.payment.domain.testing.RegexEquivalence.oneEditAway;
import static io.pixflow.payment.domain.testing.RegexEquivalence.verdictOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.payment.domain.InvalidBrCodeException;
import io.pixflow.payment.domain.InvalidValueException;
import io.pixflow.payment.domain.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrCodeTest {

    /** Published by the Banco Central manual and reproduced by public PIX libraries. */
    static final String MANUAL_WITHOUT_AMOUNT = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
            + "5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
    static final String MANUAL_WITH_AMOUNT = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
            + "5204000053039865406123.005802BR5913Fulano de Tal6008BRASILIA62070503***63041D1D";
    static final String EMAIL_WITH_DESCRIPTION = "00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 123"
            + "520400005303986540510.005802BR5914THALES OGLIARI6015SAO MIGUEL DO O62070503***63040DC6";

    private static final Merchant SHOP = new Merchant(
            PixKey.parse("123e4567-e12b-12d1-a456-426655440000"), "Padaria São João", "Florianópolis");
    private static final String PAYMENT_ID = "Ab3dE5fG7hJ9kLmN0pQrStUvW";

    @Nested
    class PublishedVectors {

        @ParameterizedTest
        @ValueSource(strings = {MANUAL_WITHOUT_AMOUNT, MANUAL_WITH_AMOUNT, EMAIL_WITH_DESCRIPTION})
        void parseValidateAndReSerialiseByteForByte(String vector) {
            assertThat(BrCode.parse(vector).payload()).isEqualTo(vector);
        }

        @Test
        void theManualsCodeReadsAsItsFields() {
            BrCode code = BrCode.parse(MANUAL_WITH_AMOUNT);

            assertThat(code.pixKey()).isEqualTo(new PixKey(PixKeyType.RANDOM, "123e4567-e12b-12d1-a456-426655440000"));
            assertThat(code.amount()).contains(Money.ofReais("123.00"));
            assertThat(code.merchantName()).isEqualTo("Fulano de Tal");
            assertThat(code.merchantCity()).isEqualTo("BRASILIA");
            assertThat(code.txid()).isEqualTo("***");
            assertThat(code.description()).isEmpty();
        }

        @Test
        void anEmailKeyedCodeCarriesItsDescription() {
            BrCode code = BrCode.parse(EMAIL_WITH_DESCRIPTION);

            assertThat(code.pixKey().type()).isEqualTo(PixKeyType.EMAIL);
            assertThat(code.description()).contains("Pedido 123");
            assertThat(code.amount()).contains(Money.ofReais("10.00"));
        }

        @Test
        void theBuilderWritesThePublishedEmailCodeFromItsParts() {
            Merchant merchant = new Merchant(PixKey.parse("thalesog@me.com"), "Thales Ogliari", "São Miguel do Ó");

            String payload = BrCode.builder(merchant).amount(Money.ofReais("10")).description("Pedido 123").build()
                    .payload();

            assertThat(payload).isEqualTo(EMAIL_WITH_DESCRIPTION);
        }
    }

    @Nested
    class Building {

        @Test
        void aPaymentOf1500CarriesTheAmountCurrencyCountryAndPaymentIdAsTxid() {
            String payload = BrCode.builder(SHOP).amount(Money.ofReais("1500")).txid(PAYMENT_ID).build().payload();

            assertThat(payload).startsWith("000201")
                    .contains("54071500.00", "5802BR", "5303986", "5204000")
                    .contains("62290525" + PAYMENT_ID)
                    .matches(".*6304[0-9A-F]{4}$");
            BrCode parsed = BrCode.parse(payload);
            assertThat(parsed.txid()).isEqualTo(PAYMENT_ID);
            assertThat(parsed.amount()).contains(Money.ofReais("1500.00"));
        }

        @Test
        void nameAndCityAreUppercaseAsciiWithoutAccentsAndTruncated() {
            Merchant merchant = new Merchant(SHOP.key(), "Confeitaria e Padaria São João da Esquina", "São José dos Campos");

            BrCode code = BrCode.builder(merchant).build();

            assertThat(code.merchantName()).isEqualTo("CONFEITARIA E PADARIA SAO").hasSizeLessThanOrEqualTo(25);
            assertThat(code.merchantCity()).isEqualTo("SAO JOSE DOS CA").hasSize(15);
            assertThat(BrCode.parse(code.payload()).merchantCity()).isEqualTo("SAO JOSE DOS CA");
        }

        @Test
        void withoutATxidTheCodeSaysThreeAsterisks() {
            assertThat(BrCode.builder(SHOP).build().txid()).isEqualTo("***");
        }

        @Test
        void aDescriptionIsFoldedToAsciiAndMustFitBesideTheKey() {
            BrCode code = BrCode.builder(SHOP).description("Pão de queijo").build();
            assertThat(code.description()).contains("Pao de queijo");

            int room = BrCode.maxDescriptionLength(SHOP.key());
            assertThat(room).isEqualTo(37);
            assertThat(BrCode.builder(SHOP).description("x".repeat(room)).build().payload()).isNotEmpty();
            assertThatThrownBy(() -> BrCode.builder(SHOP).description("x".repeat(room + 1)))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("at most 37 characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc-123", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "pedido 1", "***"})
        void aTxidMustBeOneTo25LettersOrDigits(String txid) {
            assertThatThrownBy(() -> BrCode.builder(SHOP).txid(txid)).isInstanceOf(InvalidValueException.class);
        }
    }

    @Nested
    class Rejecting {

        @Test
        void aCorruptedCrc() {
            String corrupted = MANUAL_WITH_AMOUNT.substring(0, MANUAL_WITH_AMOUNT.length() - 4) + "1D1E";

            assertThatThrownBy(() -> BrCode.parse(corrupted))
                    .isInstanceOf(InvalidBrCodeException.class)
                    .hasMessageContaining("CRC");
        }

        @Test
        void aChangedAmountUnderTheOldCrc() {
            String tampered = MANUAL_WITH_AMOUNT.replace("5406123.00", "5406923.00");

            assertThatThrownBy(() -> BrCode.parse(tampered)).isInstanceOf(InvalidBrCodeException.class)
                    .hasMessageContaining("CRC");
        }

        @Test
        void aBadLengthPrefix() {
            // Field 59 claims 14 characters where it has 13: every field after it is misread.
            String body = MANUAL_WITHOUT_AMOUNT.substring(0, MANUAL_WITHOUT_AMOUNT.length() - 4)
                    .replace("5913Fulano de Tal", "5914Fulano de Tal");

            assertThatThrownBy(() -> BrCode.parse(body + Crc16.hexOf(body)))
                    .isInstanceOf(InvalidBrCodeException.class);
        }

        @Test
        void aLengthPrefixThatIsNotDigits() {
            String body = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
                    + "59XXFulano de Tal6008BRASILIA62070503***6304";

            assertThatThrownBy(() -> BrCode.parse(body + Crc16.hexOf(body)))
                    .isInstanceOf(InvalidBrCodeException.class)
                    .hasMessageContaining("not two digits");
        }

        @Test
        void aTxidWithAHyphen() {
            List<Tlv> fields = new ArrayList<>(BrCode.parse(MANUAL_WITH_AMOUNT).fields());
            fields.set(fields.size() - 1, new Tlv("62", new Tlv("05", "pedido-123").encode()));
            String body = Tlv.encodeAll(fields) + "6304";

            assertThatThrownBy(() -> BrCode.parse(body + Crc16.hexOf(body)))
                    .isInstanceOf(InvalidBrCodeException.class)
                    .hasMessageContaining("62-05");
        }

        @Test
        void aCodeWhoseCrcIsNotLast() {
            String moved = MANUAL_WITH_AMOUNT.replace("63041D1D", "");
            String body = moved.replace("5802BR", "63041D1D5802BR");

            assertThatThrownBy(() -> BrCode.parse(body)).isInstanceOf(InvalidBrCodeException.class);
        }

        @Test
        void aCodeForAnotherCurrencyOrCountry() {
            String dollars = withValidCrc(MANUAL_WITH_AMOUNT.replace("5303986", "5303840"));
            String argentina = withValidCrc(MANUAL_WITH_AMOUNT.replace("5802BR", "5802AR"));

            assertThatThrownBy(() -> BrCode.parse(dollars)).hasMessageContaining("986");
            assertThatThrownBy(() -> BrCode.parse(argentina)).hasMessageContaining("BR");
        }

        @Test
        void aCodeForAnotherPaymentScheme() {
            String other = withValidCrc(MANUAL_WITHOUT_AMOUNT.replace("0014br.gov.bcb.pix", "0014br.gov.xyz.pix"));

            assertThatThrownBy(() -> BrCode.parse(other)).hasMessageContaining("26-00");
        }

        @Test
        void anInvalidPixKey() {
            String body = "00020126330014br.gov.bcb.pix0111123456789005204000053039865802BR5913Fulano de Tal"
                    + "6008BRASILIA62070503***6304";

            assertThatThrownBy(() -> BrCode.parse(body + Crc16.hexOf(body)))
                    .isInstanceOf(InvalidBrCodeException.class)
                    .hasMessageContaining("26-01");
        }

        @Test
        void emptyOrTruncatedPayloads() {
            assertThatThrownBy(() -> BrCode.parse("")).isInstanceOf(InvalidBrCodeException.class);
            assertThatThrownBy(() -> BrCode.parse("000")).isInstanceOf(InvalidBrCodeException.class);
            assertThatThrownBy(() -> BrCode.parse(MANUAL_WITH_AMOUNT.substring(0, 60)))
                    .isInstanceOf(InvalidBrCodeException.class);
        }

        private String withValidCrc(String payload) {
            String body = payload.substring(0, payload.length() - 4);
            return body + Crc16.hexOf(body);
        }
    }

    /** The field formats were regexes until they showed in profiles of a create; these hold the new checks to them. */
    @Nested
    class AcceptsWhatItsRegexesAccepted {

        private static final String REFUSED = "InvalidBrCodeException invalid BR Code: ";
        private static final List<Tlv> MANUAL_FIELDS = BrCode.parse(MANUAL_WITH_AMOUNT).fields();

        @Test
        void txids() {
            Pattern txidRegex = Pattern.compile("[A-Za-z0-9]{1,25}");
            Set<String> inputs = oneEditAway(PAYMENT_ID, "09AZaz*-" + TRICKY_CHARACTERS);
            inputs.addAll(allStrings("0Zz*-\u0661", 3));
            inputs.addAll(List.of("x".repeat(24), "x".repeat(25), "x".repeat(26), "\uD83D\uDE00"));

            assertSameAnswers(inputs, value -> verdictOf(() -> BrCode.builder(SHOP).txid(value)),
                    value -> txidRegex.matcher(value).matches() ? "accepted"
                            : "InvalidValueException txid must be 1 to 25 letters or digits");

            inputs.remove("");
            assertSameAnswers(inputs, value -> verdictOf(() -> new BrCode(manualFieldsWith("62", txidField(value)))),
                    value -> value.equals("***") || txidRegex.matcher(value).matches() ? "accepted"
                            : REFUSED + "field 62-05 (txid) must be 1 to 25 letters or digits, or ***");
        }

        @Test
        void merchantCategories() {
            Pattern mccRegex = Pattern.compile("\\d{4}");
            Set<String> inputs = allStrings("09/:a \u0661\uFF10", 5);
            inputs.addAll(oneEditAway("5812", "09" + TRICKY_CHARACTERS));
            inputs.remove("");

            assertSameAnswers(inputs, value -> verdictOf(() -> new BrCode(manualFieldsWith("52", value))),
                    value -> mccRegex.matcher(value).matches() ? "accepted"
                            : REFUSED + "field 52 (merchant category) must be 4 digits");
        }

        @Test
        void crcs() {
            Pattern crcRegex = Pattern.compile("[0-9A-Fa-f]{4}");
            String body = MANUAL_WITH_AMOUNT.substring(0, MANUAL_WITH_AMOUNT.length() - "63041D1D".length());
            String expected = Crc16.hexOf(body + "6304");
            Set<String> inputs = oneEditAway(expected, "09afgAFG" + TRICKY_CHARACTERS);
            inputs.addAll(oneEditAway(expected.toLowerCase(Locale.ROOT), "09afgAFG" + TRICKY_CHARACTERS));
            inputs.addAll(allStrings("09afgAFG@`\u0661", 4));
            inputs.remove("");

            assertSameAnswers(inputs, value -> verdictOf(() -> BrCode.parse(body + "63" + length(value) + value)),
                    value -> !crcRegex.matcher(value).matches() ? REFUSED + "field 63 must hold 4 hexadecimal digits"
                            : value.equalsIgnoreCase(expected) ? "accepted"
                            : REFUSED + "CRC is " + value + " but the payload's CRC is " + expected);
        }

        private static List<Tlv> manualFieldsWith(String id, String value) {
            List<Tlv> fields = new ArrayList<>(MANUAL_FIELDS);
            fields.replaceAll(field -> field.id().equals(id) ? new Tlv(id, value) : field);
            return fields;
        }

        private static String txidField(String txid) {
            return "05" + length(txid) + txid;
        }

        private static String length(String value) {
            return String.format("%02d", value.length());
        }
    }
}
