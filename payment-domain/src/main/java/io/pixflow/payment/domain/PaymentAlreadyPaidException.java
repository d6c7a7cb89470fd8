package io.pixflow.payment.domain;

/** The payment was paid, so it can no longer be cancelled. */
public final class PaymentAlreadyPaidException extends PaymentException {

    private final PaymentId paymentId;

    public PaymentAlreadyPaidException(PaymentId paymentId) {
        super("payment " + paymentId + " is already paid");
        this.paymentId = paymentId;
    }

    public PaymentId paymentId() {
        return paymentId;
    }
}
