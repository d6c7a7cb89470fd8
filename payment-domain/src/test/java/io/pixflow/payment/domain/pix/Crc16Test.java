package io.pixflow.payment.domain.pix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Crc16Test {

    @Test
    void matchesTheCcittFalseCheckValue() {
        assertThat(Crc16.hexOf("123456789")).isEqualTo("29B1");
    }

    @Test
    void isAlwaysFourUppercaseHexDigitsZeroPadded() {
        assertThat(Crc16.hexOf("")).isEqualTo("FFFF");
        assertThat(Crc16.hexOf("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304"))
                .isEqualTo("1D3D");
    }
}
