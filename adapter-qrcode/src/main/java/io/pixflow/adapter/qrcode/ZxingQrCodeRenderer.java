package io.pixflow.adapter.qrcode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.pixflow.payment.domain.port.out.QrCodeRenderer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Draws a BR Code as a 300 × 300 black-on-white PNG: ZXing lays out the modules, {@link OneBitPng} writes them.
 * Error correction M (what the Banco Central manual recommends, and what survives a slightly smudged phone
 * screen), a quiet zone of at least four modules, and the payload in byte mode.
 *
 * <p>Every BR Code PixFlow writes is plain ASCII, and for those no ECI header is written: ASCII bytes read the
 * same in ISO-8859-1 and UTF-8, and some bank apps misread a code that declares an ECI. A payload with other
 * characters (a code parsed from elsewhere) is written as UTF-8 with the ECI that says so.
 */
public final class ZxingQrCodeRenderer implements QrCodeRenderer {

    static final int SIZE_PIXELS = 300;
    static final int QUIET_ZONE_MODULES = 4;

    @Override
    public byte[] renderPng(String payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.isEmpty()) {
            throw new IllegalArgumentException("payload must not be empty");
        }
        return OneBitPng.encode(encode(payload));
    }

    private static BitMatrix encode(String payload) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(payload)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, SIZE_PIXELS, SIZE_PIXELS, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("payload does not fit in a QR code: " + payload.length()
                    + " characters", e);
        }
    }
}
