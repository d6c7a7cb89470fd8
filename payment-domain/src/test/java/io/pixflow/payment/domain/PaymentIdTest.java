package io.pixflow.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentIdTest {

    @Test
    void randomIdsAre25LettersOrDigitsAndDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = PaymentId.random(random).value();
            assertThat(id).matches("[A-Za-z0-9]{25}");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "123", "Ab3dE5fG7hJ9kLmN0pQrStUv", "Ab3dE5fG7hJ9kLmN0pQrStUvWx", "Ab3dE5fG7hJ9kLmN0pQrStU-W",
            "../../../../etc/passwd..."})
    void sequentialOrMalformedIdsAreNotPaymentIds(String value) {
        assertThat(PaymentId.isWellFormed(value)).isFalse();
        assertThatThrownBy(() -> new PaymentId(value)).isInstanceOf(InvalidValueException.class);
    }
}
