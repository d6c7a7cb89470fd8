package io.pixflow.payment.domain.pix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

    @Test
    void writesEveryValueAsFourUppercaseDigitsWithLeadingZeros() {
        // Texts whose CRC is below 0x1000, 0x100 and 0x10 exist among these: every padding case is met.
        int belowFourDigits = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = "pix-" + i;
            int crc = Crc16.of(text.getBytes(StandardCharsets.UTF_8));
            assertThat(Crc16.hexOf(text)).isEqualTo(String.format("%04X", crc));
            if (crc < 0x1000) {
                belowFourDigits++;
            }
        }
        assertThat(belowFourDigits).isPositive();
    }
}
