package io.pixflow.adapter.qrcode;

import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A QR code's modules as a PNG (ISO/IEC 15948): 1-bit greyscale, black modules 0 and white 1, every row with
 * filter type 0, one zlib-compressed {@code IDAT}. That is the whole format a two-colour image needs; ImageIO's
 * general writer took ~1 ms of a ~3 ms first render (JMH {@code qrImageToPng}) to produce the same pixels.
 */
final class OneBitPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte BIT_DEPTH = 1;
    private static final byte GREYSCALE = 0;
    private static final byte NO_FILTER = 0;

    private OneBitPng() {
    }

    static byte[] encode(BitMatrix matrix) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        int stride = (width + 7) / 8;
        // Each row: its filter type byte, then the pixels eight to a byte, leftmost in the high bit.
        byte[] rows = new byte[height * (1 + stride)];
        for (int y = 0; y < height; y++) {
            int rowStart = y * (1 + stride);
            rows[rowStart] = NO_FILTER;
            for (int x = 0; x < width; x++) {
                if (!matrix.get(x, y)) {
                    rows[rowStart + 1 + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", header(width, height));
        chunk(png, "IDAT", deflate(rows));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] header(int width, int height) {
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = BIT_DEPTH;
        header[9] = GREYSCALE;
        // header[10..12]: compression method 0 (zlib), filter method 0, no interlace.
        return header;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Length, type, data, and the CRC-32 of type and data. */
    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] checksum = new byte[4];
        putInt(checksum, 0, (int) crc.getValue());
        png.writeBytes(length);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(checksum);
    }

    private static void putInt(byte[] target, int at, int value) {
        target[at] = (byte) (value >>> 24);
        target[at + 1] = (byte) (value >>> 16);
        target[at + 2] = (byte) (value >>> 8);
        target[at + 3] = (byte) value;
    }
}
