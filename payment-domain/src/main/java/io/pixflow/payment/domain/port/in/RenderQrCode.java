package io.pixflow.payment.domain.port.in;

import io.pixflow.payment.domain.PaymentId;
import java.util.UUID;

/** The QR code image of a payment's BR Code, for the payer to scan. */
public interface RenderQrCode {

    /** @throws io.pixflow.payment.domain.PaymentNotFoundException when there is no such payment */
    byte[] pngFor(PaymentId id);

    /** @throws io.pixflow.payment.domain.PaymentNotFoundException when there is no such payment */
    byte[] pngForBankPaymentId(UUID bankPaymentId);
}
