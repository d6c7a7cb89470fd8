package io.pixflow.client;

/** A payment's status as the server reports it. Everything but PENDING is final. */
public enum PaymentStatus {
    PENDING,
    PAID,
    EXPIRED,
    CANCELLED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
