package io.pixflow.payment.domain.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.payment.domain.InvalidValueException;
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
}
