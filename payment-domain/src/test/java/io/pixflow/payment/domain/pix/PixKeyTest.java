package io.pixflow.payment.domain.pix;

import static io.pixflow.payment.domain.testing.RegexEquivalence.TRICKY_CHARACTERS;
import static io.pixflow.payment.domain.testing.RegexEquivalence.allStrings;
import static io.pixflow.payment.domain.testing.RegexEquivalence.answerOf;
import static io.pixflow.payment.domain.testing.RegexEquivalence.assertSameAnswers;
import static io.pixflow.payment.domain.testing.RegexEquivalence.oneEditAway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.payment.domain.InvalidValueException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PixKeyTest {

    @ParameterizedTest
    @CsvSource({
            "529.982.247-25, CPF, 52998224725",
            "52998224725, CPF, 52998224725",
            "11.222.333/0001-81, CNPJ, 11222333000181",
            // The alphanumeric CNPJ of the Receita Federal's published example.
            "12.ABC.345/01DE-35, CNPJ, 12ABC34501DE35",
            "12abc34501de35, CNPJ, 12ABC34501DE35",
            "Fulano@Example.COM, EMAIL, fulano@example.com",
            "+55 (11) 91234-5678, PHONE, +5511912345678",
            "+551133334444, PHONE, +551133334444",
            "123E4567-E12B-12D1-A456-426655440000, RANDOM, 123e4567-e12b-12d1-a456-426655440000",
    })
    void readsEachKindOfKeyIntoItsCanonicalForm(String raw, PixKeyType type, String canonical) {
        assertThat(PixKey.parse(raw)).isEqualTo(new PixKey(type, canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "529.982.247-24",      // CPF with a wrong check digit
            "11111111111",         // repeated digits pass the arithmetic but are no CPF
            "11.222.333/0001-82",  // CNPJ with a wrong check digit
            "12ABC34501DE36",      // alphanumeric CNPJ with a wrong check digit
            "+1 202 555 0100",     // not a Brazilian phone
            "+55119123",           // too short
            "fulano@",             // not an e-mail
            "123e4567-e12b-12d1-a456-42665544000", // a UUID one digit short
            "chave qualquer",
            "   ",
    })
    void refusesWhatNoBankWouldRegister(String raw) {
        assertThatThrownBy(() -> PixKey.parse(raw)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("pix_key ");
    }

    @ParameterizedTest
    @ValueSource(ints = {78, 100})
    void anEmailKeyHasAtMost77Characters(int length) {
        String email = "a".repeat(length - "@x.com".length()) + "@x.com";

        assertThatThrownBy(() -> PixKey.parse(email)).hasMessageContaining("77");
        assertThat(PixKey.parse("a".repeat(71) + "@x.com").value()).hasSize(77);
    }

    @ParameterizedTest
    @CsvSource({"CPF, 529.982.247-25", "EMAIL, Fulano@example.com", "RANDOM, 123E4567-E12B-12D1-A456-426655440000"})
    void theConstructorOnlyTakesCanonicalKeys(PixKeyType type, String value) {
        assertThatThrownBy(() -> new PixKey(type, value)).isInstanceOf(InvalidValueException.class);
    }

    /** The formats were regexes until they showed in profiles of a create; these hold the new checks to them. */
    @Nested
    class AcceptsWhatItsRegexesAccepted {

        private static final String UUID = "123e4567-e12b-12d1-a456-426655440000";
        private static final String CPF = "52998224725";
        private static final String CNPJ = "11222333000181";
        private static final String ALPHANUMERIC_CNPJ = "12ABC34501DE35";
        private static final String MOBILE = "+5511912345678";
        private static final String LANDLINE = "+551133334444";

        @Test
        void randomKeys() {
            Set<String> inputs = oneEditAway(UUID, "09afgAF-" + TRICKY_CHARACTERS);
            inputs.addAll(List.of("", UUID.toUpperCase(Locale.ROOT), UUID.replace("-", ""), "{" + UUID + "}",
                    UUID.replace('e', 'g'), UUID + "\n"));

            assertCanonicalAsBefore(PixKeyType.RANDOM, inputs);
        }

        @Test
        void emailKeys() {
            // Every arrangement of up to 6 of these covers where the @ and the dots may stand.
            Set<String> inputs = allStrings("a.@ \u000B\u00A0", 6);
            inputs.addAll(List.of("a@b.c.d", "a@.b", "a@.b.c", "a@b.", "a@b..c", "a@..", "a@...", "a.b@c.d",
                    "a@@b.c", "@b.c", "a@b.c@d", "a@bc", "fulano@example.com", "Fulano@Example.com",
                    "fulano@exämple.com", "fulano@example.com\n", "ful ano@example.com", "ful\tano@example.com",
                    "a\u2003@b.c", "\uD83D\uDE00@b.c", "\uD800@b.c", "a@b.c\uDC00",
                    "a".repeat(71) + "@x.com", "a".repeat(72) + "@x.com"));
            for (char c : TRICKY_CHARACTERS.toCharArray()) {
                inputs.add("a" + c + "@b.c");
                inputs.add("a@b" + c + ".c");
                inputs.add("a@b." + c);
            }

            assertCanonicalAsBefore(PixKeyType.EMAIL, inputs);
        }

        @Test
        void phoneKeys() {
            String alphabet = "+012589 ()-" + TRICKY_CHARACTERS;
            Set<String> inputs = oneEditAway(MOBILE, alphabet);
            inputs.addAll(oneEditAway(LANDLINE, alphabet));
            inputs.addAll(List.of("", "+55", "+5511", "+55119123456789", "+5501912345678", "+5510912345678",
                    "+5511812345678", "+551191234567", "5511912345678", "++5511912345678", "+55 11 91234-5678"));

            assertCanonicalAsBefore(PixKeyType.PHONE, inputs);
        }

        @Test
        void cpfKeys() {
            Set<String> inputs = oneEditAway(CPF, "0159aA.-" + TRICKY_CHARACTERS);
            inputs.addAll(cpfsWithForeignCharacters());
            inputs.addAll(List.of("", "529.982.247-25", "11111111111", "5299822472", "529982247250"));

            assertCanonicalAsBefore(PixKeyType.CPF, inputs);
        }

        @Test
        void cnpjKeys() {
            String alphabet = "019AZaz./-" + TRICKY_CHARACTERS;
            Set<String> inputs = oneEditAway(CNPJ, alphabet);
            inputs.addAll(oneEditAway(ALPHANUMERIC_CNPJ, alphabet));
            inputs.addAll(cnpjsWithForeignCharacters());
            inputs.addAll(List.of("", "11.222.333/0001-81", "12abc34501de35", "12ABC34501DEAB", "11111111111111"));

            assertCanonicalAsBefore(PixKeyType.CNPJ, inputs);
        }

        /** Parsing also reformats what it is given, so it meets the checks with strings the constructor does not. */
        @Test
        void keysAsPeopleWriteThem() {
            Set<String> inputs = new LinkedHashSet<>();
            String alphabet = "01259aAzZ@.+-/() " + TRICKY_CHARACTERS;
            for (String written : List.of(UUID.toUpperCase(Locale.ROOT), "Fulano@Example.com", "+55 (11) 91234-5678",
                    LANDLINE, "529.982.247-25", CPF, "11.222.333/0001-81", "12.abc.345/01de-35")) {
                inputs.addAll(oneEditAway(written, alphabet));
            }
            inputs.addAll(cpfsWithForeignCharacters());
            inputs.addAll(cnpjsWithForeignCharacters());
            inputs.addAll(List.of("", "   ", "\u00A0", " 52998224725\t", "52998224725\u00A0", "12ſBC34501DE35",
                    "12\u0131BC34501DE35", "+55 11 9 1234 5678", "+55\u00A011912345678",
                    "123E4567-E12B-12D1-A456-\u212A26655440000"));

            assertSameAnswers(inputs, raw -> answerOf(() -> PixKey.parse(raw)), RegexPixKey::parse);
        }

        /**
         * A wrong character among the first nine passes the check-digit arithmetic when the check digits are made
         * to fit it, so only the format check can refuse these.
         */
        private static Set<String> cpfsWithForeignCharacters() {
            return withFittingCheckDigits(oneEditAway(CPF.substring(0, 9), "aA.-" + TRICKY_CHARACTERS), 9,
                    PixKey::isValidCpf);
        }

        private static Set<String> cnpjsWithForeignCharacters() {
            return withFittingCheckDigits(oneEditAway(ALPHANUMERIC_CNPJ.substring(0, 12), "az./-" + TRICKY_CHARACTERS),
                    12, PixKey::isValidCnpj);
        }

        private static Set<String> withFittingCheckDigits(Set<String> starts, int length, Predicate<String> valid) {
            Set<String> completed = new LinkedHashSet<>();
            for (String start : starts) {
                for (int digits = 0; digits < 100 && start.length() == length; digits++) {
                    String candidate = start + String.format("%02d", digits);
                    if (valid.test(candidate)) {
                        completed.add(candidate);
                        break;
                    }
                }
            }
            return completed;
        }

        private void assertCanonicalAsBefore(PixKeyType type, Set<String> inputs) {
            assertSameAnswers(inputs, value -> answerOf(() -> new PixKey(type, value)),
                    value -> RegexPixKey.construct(type, value));
        }
    }

    /** PixKey's constructor and parse as they were with regexes, answering as {@link RegexEquivalence#answerOf}. */
    private static final class RegexPixKey {

        private static final Pattern RANDOM = Pattern.compile(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
        private static final Pattern PHONE = Pattern.compile("\\+55[1-9][0-9]9?[0-9]{8}");
        private static final Pattern CPF = Pattern.compile("[0-9]{11}");
        private static final Pattern CNPJ = Pattern.compile("[0-9A-Z]{12}[0-9]{2}");
        private static final String REFUSED = "InvalidValueException pix_key ";

        static String construct(PixKeyType type, String value) {
            boolean canonical = switch (type) {
                case RANDOM -> RANDOM.matcher(value).matches();
                case EMAIL -> value.length() <= 77 && EMAIL.matcher(value).matches()
                        && value.equals(value.toLowerCase(Locale.ROOT));
                case PHONE -> PHONE.matcher(value).matches();
                case CPF -> CPF.matcher(value).matches() && PixKey.isValidCpf(value);
                case CNPJ -> CNPJ.matcher(value).matches() && PixKey.isValidCnpj(value);
            };
            return canonical ? "returns " + type + ":" + value
                    : REFUSED + "is not a valid " + type + " key in canonical form";
        }

        static String parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return REFUSED + "is required";
            }
            String text = raw.strip();
            String lower = text.toLowerCase(Locale.ROOT);
            if (RANDOM.matcher(lower).matches()) {
                return construct(PixKeyType.RANDOM, lower);
            }
            if (text.indexOf('@') >= 0) {
                if (lower.length() > 77 || !EMAIL.matcher(lower).matches()) {
                    return REFUSED + "is not a valid e-mail key (at most 77 characters)";
                }
                return construct(PixKeyType.EMAIL, lower);
            }
            if (text.startsWith("+")) {
                String phone = text.replaceAll("[\\s()-]", "");
                if (!PHONE.matcher(phone).matches()) {
                    return REFUSED + "is not a Brazilian phone key such as +5511912345678";
                }
                return construct(PixKeyType.PHONE, phone);
            }
            String document = text.replaceAll("[./\\-\\s]", "").toUpperCase(Locale.ROOT);
            if (CPF.matcher(document).matches()) {
                if (!PixKey.isValidCpf(document)) {
                    return REFUSED + "is not a valid CPF: its check digits do not match";
                }
                return construct(PixKeyType.CPF, document);
            }
            if (CNPJ.matcher(document).matches()) {
                if (!PixKey.isValidCnpj(document)) {
                    return REFUSED + "is not a valid CNPJ: its check digits do not match";
                }
                return construct(PixKeyType.CNPJ, document);
            }
            return REFUSED + "is not a CPF, CNPJ, e-mail, +55 phone or random (UUID) key";
        }
    }
}
