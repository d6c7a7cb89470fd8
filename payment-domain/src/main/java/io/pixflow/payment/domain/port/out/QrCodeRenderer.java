package io.pixflow.payment.domain.port.out;

/** Draws a BR Code payload as a QR code image that a bank app can scan. */
public interface QrCodeRenderer {

    /** A PNG image of {@code payload}. The same payload always gives the same image. */
    byte[] renderPng(String payload);
}
