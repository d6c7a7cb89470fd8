package io.pixflow.payment.domain.pix;

import java.nio.charset.StandardCharsets;

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), as BR Code field 63 uses it. */
public final class Crc16 {

    private static final int[] TABLE = new int[256];
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private Crc16() {
    }

    public static int of(byte[] bytes) {
        int crc = 0xFFFF;
        for (byte b : bytes) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ b) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    /** The CRC of {@code text}'s UTF-8 bytes as four uppercase hex digits, zero-padded. */
    public static String hexOf(String text) {
        int crc = of(text.getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[4];
        for (int i = 3; i >= 0; i--) {
            hex[i] = HEX_DIGITS[crc & 0xF];
            crc >>>= 4;
        }
        return new String(hex);
    }
}
