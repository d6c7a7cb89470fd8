package io.pixflow.payment.domain;

import static io.pixflow.payment.domain.testing.RegexEquivalence.TRICKY_CHARACTERS;
import static io.pixflow.payment.domain.testing.RegexEquivalence.assertSameAnswers;
import static io.pixflow.payment.domain.testing.RegexEquivalence.assertSameVerdicts;
import static io.pixflow.payment.domain.testing.RegexEquivalence.oneEditAway;
import static io.pixflow.payment.domain.testing.RegexEquivalence.verdictOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentIdTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void idsMadeInTheSameMillisecondAre25LettersOrDigitsAndDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = PaymentId.generate(T0, random).value();
            assertThat(id).matches("[A-Za-z0-9]{25}");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        SecureRandom random = new SecureRandom();
        List<Instant> times = List.of(Instant.EPOCH, T0.minusSeconds(86_400), T0, T0.plusMillis(1), T0.plusSeconds(61),
                T0.plusSeconds(86_400 * 365L), Instant.parse("2080-12-31T23:59:59.999Z"));
        List<String> ids = new ArrayList<>();
        for (Instant time : times) {
            ids.add(PaymentId.generate(time, random).value());
        }

        assertThat(ids).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void everyRandomCharacterIsEquallyLikely() {
        SecureRandom random = new SecureRandom();
        Map<Character, Integer> counts = new HashMap<>();
        int ids = 25_000;
        for (int i = 0; i < ids; i++) {
            for (char c : PaymentId.generate(T0, random).value().substring(7).toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        // 450,000 random characters: 7,258 expected for each of 62, with a standard deviation near 84. A mapping
        // that folded the bytes past the alphabet onto two characters would give those about 14,500.
        double expected = ids * 18.0 / 62;
        assertThat(counts).hasSize(62);
        assertThat(counts.values()).allSatisfy(count -> assertThat((double) count).isBetween(expected * 0.9,
                expected * 1.1));
    }

    @Test
    void bytesPastTheAlphabetAreDroppedNotMapped() {
        // The first draws give bytes whose low six bits are 63 and 62 (past the 62 letters and digits), then zeros:
        // only the zeros may become characters, each the first digit.
        SecureRandom rigged = new SecureRandom() {
            private int calls;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, calls++ == 0 ? (byte) 0x3F : (byte) 0xFE);
                if (calls > 2) {
                    Arrays.fill(bytes, (byte) 0);
                }
            }
        };

        assertThat(PaymentId.generate(Instant.EPOCH, rigged).value()).isEqualTo("0".repeat(25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "123", "Ab3dE5fG7hJ9kLmN0pQrStUv", "Ab3dE5fG7hJ9kLmN0pQrStUvWx", "Ab3dE5fG7hJ9kLmN0pQrStU-W",
            "../../../../etc/passwd..."})
    void sequentialOrMalformedIdsAreNotPaymentIds(String value) {
        assertThat(PaymentId.isWellFormed(value)).isFalse();
        assertThatThrownBy(() -> new PaymentId(value)).isInstanceOf(InvalidValueException.class);
    }

    /** The format was a regex until it showed in profiles of a create; this holds the new check to it. */
    @Test
    void wellFormedIdsAreWhatTheirRegexAccepted() {
        String regex = "[A-Za-z0-9]{25}";
        Set<String> inputs = oneEditAway("Ab3dE5fG7hJ9kLmN0pQrStUvW", "09AZaz-_" + TRICKY_CHARACTERS);
        inputs.addAll(List.of("", "x".repeat(24), "x".repeat(25), "x".repeat(26),
                "Ab3dE5fG7hJ9kLmN0pQrStUv\uD83D\uDE00"));

        assertSameVerdicts(regex, inputs, PaymentId::isWellFormed);
        assertSameAnswers(inputs, value -> verdictOf(() -> new PaymentId(value)),
                value -> Pattern.matches(regex, value) ? "accepted"
                        : "InvalidValueException id must be 25 letters or digits");
    }
}
