package io.pixflow.payment.application;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentNotFoundException;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.in.RenderQrCode;
import io.pixflow.payment.domain.port.out.QrCodeRenderer;
import java.util.Objects;
import java.util.UUID;

/** The QR image of a payment's BR Code. */
public final class QrCodeService implements RenderQrCode {

    private final FindPayment payments;
    private final QrCodeRenderer renderer;

    public QrCodeService(FindPayment payments, QrCodeRenderer renderer) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public byte[] pngFor(PaymentId id) {
        return render(payments.byId(id).orElseThrow(() -> PaymentNotFoundException.forId(id)));
    }

    @Override
    public byte[] pngForBankPaymentId(UUID bankPaymentId) {
        return render(payments.byBankPaymentId(bankPaymentId)
                .orElseThrow(() -> PaymentNotFoundException.forBankPaymentId(bankPaymentId)));
    }

    private byte[] render(Payment payment) {
        return renderer.renderPng(payment.brCode());
    }
}
