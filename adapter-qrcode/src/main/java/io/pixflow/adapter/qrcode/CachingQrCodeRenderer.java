package io.pixflow.adapter.qrcode;

import io.pixflow.payment.domain.port.out.QrCodeRenderer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the most recently used images of another renderer, at most {@code maxEntries} of them.
 *
 * <p>A payment's BR Code never changes, and its page, its QR route and every reload ask for the same image, so
 * each payload is drawn once while it is in use. The cap keeps memory bounded however many payments are
 * created (an image is about 1 KB). Rendering happens outside the lock: two first requests for one payload may
 * both draw it, which costs a few milliseconds and keeps slow renders from queueing behind each other.
 */
public final class CachingQrCodeRenderer implements QrCodeRenderer {

    private final QrCodeRenderer renderer;
    private final Map<String, byte[]> images;

    public CachingQrCodeRenderer(QrCodeRenderer renderer, int maxEntries) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
        this.images = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public byte[] renderPng(String payload) {
        Objects.requireNonNull(payload, "payload");
        byte[] image;
        synchronized (images) {
            image = images.get(payload);
        }
        if (image == null) {
            image = renderer.renderPng(payload);
            synchronized (images) {
                images.put(payload, image);
            }
        }
        // A copy, so a caller that scribbles on its array cannot corrupt what every later caller receives.
        return image.clone();
    }
}
