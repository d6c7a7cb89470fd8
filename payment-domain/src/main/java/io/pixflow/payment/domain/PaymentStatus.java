package io.pixflow.payment.domain;

/** Where a payment is in its life: PENDING until it ends in exactly one of the three final states. */
public enum PaymentStatus {
    PENDING,
    PAID,
    EXPIRED,
    CANCELLED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
