package io.pixflow.benchmarks;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.pixflow.adapter.qrcode.ZxingQrCodeRenderer;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.pix.BrCode;
import io.pixflow.payment.domain.pix.Merchant;
import io.pixflow.payment.domain.pix.PixKey;
import java.time.Instant;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure code every payment goes through: writing its BR Code (TLV + CRC-16), reading one back (what an
 * embedder validating a received code pays), and drawing it as the 300 × 300 PNG the page shows.
 *
 * <p>{@code renderQrPng} is also taken apart, with the same settings as {@link ZxingQrCodeRenderer} (300 px,
 * level M, quiet zone 4): the QR encoding alone, the 1-bit image built pixel by pixel, and the PNG written by
 * ImageIO; to tell which part a faster renderer would have to change. Two variants show what a change would buy:
 * a fixed mask pattern (ZXing otherwise scores all eight, any of which is a valid code) and the image's bits
 * written straight into its raster instead of one {@code setRGB} call per pixel. The renderer itself no longer
 * builds an image: it writes the PNG from ZXing's matrix ({@code OneBitPng}); the ImageIO stages stay as the
 * baseline it replaced.
 *
 * <p>Short runs (one fork, 5 + 5 iterations of a second): on two shared cores the error bars are wide anyway, and
 * the whole class runs in well under a minute. Run with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class HotPathBenchmarks {

    private Merchant merchant;
    private Money amount;
    private String txid;
    private String payload;
    private ZxingQrCodeRenderer renderer;
    private BitMatrix matrix;
    private BufferedImage image;

    @Setup
    public void setUp() {
        // What the sandbox server writes: the manual's random key, a 25-character txid, R$ 15,00.
        merchant = new Merchant(PixKey.parse("123e4567-e12b-12d1-a456-426655440000"), "PIXFLOW SANDBOX", "SAO PAULO");
        amount = Money.ofReais("15.00");
        txid = PaymentId.generate(Instant.now(), new SecureRandom()).value();
        payload = BrCode.builder(merchant).amount(amount).txid(txid).build().payload();
        renderer = new ZxingQrCodeRenderer();
        matrix = qrEncode();
        image = MatrixToImageWriter.toBufferedImage(matrix);
    }

    @Benchmark
    public String buildBrCode() {
        return BrCode.builder(merchant).amount(amount).txid(txid).build().payload();
    }

    @Benchmark
    public BrCode parseBrCode() {
        return BrCode.parse(payload);
    }

    @Benchmark
    public byte[] renderQrPng() {
        return renderer.renderPng(payload);
    }

    @Benchmark
    public BitMatrix qrEncode() {
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 300, 300,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public BitMatrix qrEncodeFixedMask() {
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 300, 300,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.QR_MASK_PATTERN, 0));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public BufferedImage qrToImageRaster() {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        BufferedImage binary = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        byte[] bits = ((DataBufferByte) binary.getRaster().getDataBuffer()).getData();
        int stride = (width + 7) / 8;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!matrix.get(x, y)) {
                    // Index 1 of the binary palette is white.
                    bits[y * stride + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return binary;
    }

    @Benchmark
    public BufferedImage qrToImage() {
        return MatrixToImageWriter.toBufferedImage(matrix);
    }

    @Benchmark
    public byte[] qrImageToPng() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream(2048);
        ImageIO.write(image, "PNG", png);
        return png.toByteArray();
    }
}
