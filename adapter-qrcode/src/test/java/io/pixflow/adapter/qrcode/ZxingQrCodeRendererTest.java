package io.pixflow.adapter.qrcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.pix.BrCode;
import io.pixflow.payment.domain.pix.Merchant;
import io.pixflow.payment.domain.pix.PixKey;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ZxingQrCodeRendererTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int WHITE = 0xFFFFFFFF;

    private final ZxingQrCodeRenderer renderer = new ZxingQrCodeRenderer();

    private static String aBrCode() {
        Merchant merchant = new Merchant(PixKey.parse("123e4567-e12b-12d1-a456-426655440000"), "PIXFLOW", "SAO PAULO");
        return BrCode.builder(merchant)
                .amount(Money.ofReais("1500.00"))
                .txid("Ab3dE5gH7jK9mN1pQ3sT5vX7z")
                .description("Pedido 123")
                .build()
                .payload();
    }

    @Test
    void thePngIsPixelForPixelWhatZxingsOwnImageWriterDraws() throws Exception {
        for (String payload : new String[] {"A", BrCode.builder(new Merchant(
                PixKey.parse("123e4567-e12b-12d1-a456-426655440000"), "PIXFLOW", "SAO PAULO"))
                .amount(Money.ofReais("1500.00")).txid("Ab3dE5fG7hJ9kLmN0pQrStUvW").build().payload()}) {
            BitMatrix matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 300, 300,
                    Map.of(EncodeHintType.MARGIN, 4));
            BufferedImage ours = ImageIO.read(new ByteArrayInputStream(OneBitPng.encode(matrix)));
            BufferedImage zxings = MatrixToImageWriter.toBufferedImage(matrix);

            assertThat(ours.getWidth()).isEqualTo(zxings.getWidth());
            assertThat(ours.getHeight()).isEqualTo(zxings.getHeight());
            for (int y = 0; y < ours.getHeight(); y++) {
                for (int x = 0; x < ours.getWidth(); x++) {
                    assertThat(ours.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(zxings.getRGB(x, y));
                }
            }
        }
    }

    @Test
    void aBankAppScanningTheImageReadsExactlyTheBrCode() throws Exception {
        String payload = aBrCode();

        Result scanned = scan(renderer.renderPng(payload));

        assertThat(scanned.getText()).isEqualTo(payload);
    }

    @Test
    void thePublishedBancoCentralExampleSurvivesTheRoundTrip() throws Exception {
        String payload = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865406123.00"
                + "5802BR5913Fulano de Tal6008BRASILIA62070503***63041D1D";

        assertThat(scan(renderer.renderPng(payload)).getText()).isEqualTo(payload);
    }

    @Test
    void usesErrorCorrectionLevelMAndNoEciHeaderForAnAsciiBrCode() throws Exception {
        Result scanned = scan(renderer.renderPng(aBrCode()));

        assertThat(scanned.getResultMetadata())
                .containsEntry(ResultMetadataType.ERROR_CORRECTION_LEVEL, "M")
                // "]Q1": a model 2 symbol without ECI; "]Q2" would mean an ECI designator was written.
                .containsEntry(ResultMetadataType.SYMBOLOGY_IDENTIFIER, "]Q1");
    }

    @Test
    void aPayloadWithAccentsIsReadBackIntactAsUtf8() throws Exception {
        String payload = "PADARIA SÃO JOÃO — Florianópolis";

        assertThat(scan(renderer.renderPng(payload)).getText()).isEqualTo(payload);
    }

    @Test
    void theImageIsAPngOf300By300Pixels() throws Exception {
        byte[] png = renderer.renderPng(aBrCode());

        assertThat(png).startsWith(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    @Test
    void leavesAQuietZoneOfAtLeastFourModulesAroundTheCode() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(renderer.renderPng(aBrCode())));

        // The top-left finder pattern starts with a run of 7 dark modules: it gives the module size.
        int top = firstDarkRow(image);
        int left = firstDarkColumn(image, top);
        int run = 0;
        while (image.getRGB(left + run, top) != WHITE) {
            run++;
        }
        int module = run / 7;

        assertThat(module).isPositive();
        assertThat(top).isGreaterThanOrEqualTo(4 * module);
        assertThat(left).isGreaterThanOrEqualTo(4 * module);
        assertThat(image.getHeight() - 1 - lastDarkRow(image)).isGreaterThanOrEqualTo(4 * module);
    }

    @Test
    void theSamePayloadAlwaysGivesTheSameImage() {
        String payload = aBrCode();

        assertThat(renderer.renderPng(payload)).isEqualTo(renderer.renderPng(payload));
    }

    @Test
    void aPayloadTooLongForAnyQrCodeIsRefusedAsAnArgumentError() {
        assertThatThrownBy(() -> renderer.renderPng("x".repeat(3000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3000 characters");
    }

    private static Result scan(byte[] png) throws IOException, NotFoundException, ChecksumException, FormatException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
    }

    private static int firstDarkRow(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            if (firstDarkColumn(image, y) >= 0) {
                return y;
            }
        }
        throw new AssertionError("the image is blank");
    }

    private static int lastDarkRow(BufferedImage image) {
        for (int y = image.getHeight() - 1; y >= 0; y--) {
            if (firstDarkColumn(image, y) >= 0) {
                return y;
            }
        }
        throw new AssertionError("the image is blank");
    }

    private static int firstDarkColumn(BufferedImage image, int y) {
        for (int x = 0; x < image.getWidth(); x++) {
            if (image.getRGB(x, y) != WHITE) {
                return x;
            }
        }
        return -1;
    }
}
