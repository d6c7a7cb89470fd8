package io.pixflow.payment.domain;

/** An idempotency key sent again with a different request: a client bug that must not create a second payment. */
public final class IdempotencyKeyReusedException extends PaymentException {

    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was already used for a different request");
    }
}
