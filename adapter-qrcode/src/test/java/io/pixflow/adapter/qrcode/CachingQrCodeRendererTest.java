package io.pixflow.adapter.qrcode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.payment.domain.port.out.QrCodeRenderer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingQrCodeRendererTest {

    /** Records what it was asked to draw; the "image" is the payload's bytes. */
    private final List<String> drawn = new ArrayList<>();
    private final QrCodeRenderer counting = payload -> {
        drawn.add(payload);
        return payload.getBytes(UTF_8);
    };

    @Test
    void aSecondRequestForAPayloadGetsTheSameBytesWithoutDrawingAgain() {
        CachingQrCodeRenderer cache = new CachingQrCodeRenderer(counting, 10);

        byte[] first = cache.renderPng("payload-a");
        byte[] second = cache.renderPng("payload-a");

        assertThat(second).isEqualTo(first).isEqualTo("payload-a".getBytes(UTF_8));
        assertThat(drawn).containsExactly("payload-a");
    }

    @Test
    void givesTheSameImageAsTheRendererItWraps() {
        ZxingQrCodeRenderer zxing = new ZxingQrCodeRenderer();
        CachingQrCodeRenderer cache = new CachingQrCodeRenderer(zxing, 10);
        String payload = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
                + "5913Fulano de Tal6008BRASILIA62070503***63041D3D";

        cache.renderPng(payload);

        assertThat(cache.renderPng(payload)).isEqualTo(zxing.renderPng(payload));
    }

    @Test
    void whenFullTheLeastRecentlyUsedImageIsTheOneDropped() {
        CachingQrCodeRenderer cache = new CachingQrCodeRenderer(counting, 2);
        cache.renderPng("a");
        cache.renderPng("b");
        cache.renderPng("a");

        cache.renderPng("c");
        drawn.clear();
        cache.renderPng("a");
        cache.renderPng("c");
        cache.renderPng("b");

        assertThat(drawn).containsExactly("b");
    }

    @Test
    void aCallerScribblingOnItsImageDoesNotChangeWhatLaterCallersGet() {
        CachingQrCodeRenderer cache = new CachingQrCodeRenderer(counting, 10);

        cache.renderPng("payload-a")[0] = 'X';

        assertThat(cache.renderPng("payload-a")).isEqualTo("payload-a".getBytes(UTF_8));
    }

    @Test
    void refusesACacheThatCouldHoldNothing() {
        assertThatThrownBy(() -> new CachingQrCodeRenderer(counting, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEntries");
    }
}
