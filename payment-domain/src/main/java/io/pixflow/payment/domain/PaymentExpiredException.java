package io.pixflow.payment.domain;

import java.time.Instant;

/** The payment's time ran out (by the clock, whether or not the sweeper has written EXPIRED yet). */
public final class PaymentExpiredException extends PaymentException {

    private final PaymentId paymentId;
    private final Instant expiresAt;

    public PaymentExpiredException(PaymentId paymentId, Instant expiresAt) {
        super("payment " + paymentId + " expired at " + expiresAt);
        this.paymentId = paymentId;
        this.expiresAt = expiresAt;
    }

    public PaymentId paymentId() {
        return paymentId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
