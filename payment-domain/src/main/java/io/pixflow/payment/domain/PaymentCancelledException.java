package io.pixflow.payment.domain;

/** The merchant cancelled the payment; it can no longer be paid. */
public final class PaymentCancelledException extends PaymentException {

    private final PaymentId paymentId;

    public PaymentCancelledException(PaymentId paymentId) {
        super("payment " + paymentId + " was cancelled");
        this.paymentId = paymentId;
    }

    public PaymentId paymentId() {
        return paymentId;
    }
}
