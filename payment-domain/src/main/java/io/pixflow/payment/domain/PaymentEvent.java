package io.pixflow.payment.domain;

import java.util.Objects;

/** A payment reached a final state. Published only after that state was stored. */
public record PaymentEvent(Type type, Payment payment) {

    public enum Type {
        CONFIRMED,
        EXPIRED,
        CANCELLED
    }

    public PaymentEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payment, "payment");
        if (type != typeOf(payment)) {
            throw new IllegalArgumentException(type + " does not describe a " + payment.status() + " payment");
        }
    }

    /** The event that announces {@code payment}'s final state. */
    public static PaymentEvent of(Payment payment) {
        return new PaymentEvent(typeOf(payment), payment);
    }

    private static Type typeOf(Payment payment) {
        return switch (payment.status()) {
            case PAID -> Type.CONFIRMED;
            case EXPIRED -> Type.EXPIRED;
            case CANCELLED -> Type.CANCELLED;
            case PENDING -> throw new IllegalArgumentException("a PENDING payment has no event");
        };
    }
}
