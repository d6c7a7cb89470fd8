package io.pixflow.payment.domain;

/** A confirmation whose amount is not exactly the payment's. */
public final class AmountMismatchException extends PaymentException {

    private final PaymentId paymentId;
    private final Money expected;
    private final Money received;

    public AmountMismatchException(PaymentId paymentId, Money expected, Money received) {
        super("payment " + paymentId + " is for " + expected.toPlainString()
                + ", the confirmation says " + received.toPlainString());
        this.paymentId = paymentId;
        this.expected = expected;
        this.received = received;
    }

    public PaymentId paymentId() {
        return paymentId;
    }

    public Money expected() {
        return expected;
    }

    public Money received() {
        return received;
    }
}
