package io.pixflow.payment.application;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.port.out.PaymentEvents;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Read, decide, compare-and-set, then publish: how every change to a stored payment is made. When a concurrent
 * change wins the race, the payment is read again and the decision made anew, so two racing confirmations end
 * in one stored transition and one event.
 */
final class PaymentTransitions {

    private static final System.Logger LOG = System.getLogger(PaymentTransitions.class.getName());

    private final PaymentRepository payments;
    private final PaymentEvents events;

    PaymentTransitions(PaymentRepository payments, PaymentEvents events) {
        this.payments = payments;
        this.events = events;
    }

    /** Applies {@code transition} to the payment {@code read} returns; a transition returning its input is a no-op. */
    Payment apply(Supplier<Payment> read, UnaryOperator<Payment> transition) {
        // Terminates: a lost race means the payment reached a final state, from which every transition either
        // returns the payment unchanged or throws.
        while (true) {
            Payment current = read.get();
            Payment next = transition.apply(current);
            if (next == current) {
                return current;
            }
            if (payments.compareAndSet(current, next)) {
                publish(next);
                return next;
            }
        }
    }

    /** Stores {@code next} if {@code current} is still what is stored, and publishes it; no re-read on a lost race. */
    boolean applyOnce(Payment current, Payment next) {
        if (next == current || !payments.compareAndSet(current, next)) {
            return false;
        }
        publish(next);
        return true;
    }

    private void publish(Payment changed) {
        try {
            events.publish(PaymentEvent.of(changed));
        } catch (RuntimeException e) {
            // The change is stored and the caller must hear so; watchers catch up from the snapshot on reconnect.
            LOG.log(System.Logger.Level.WARNING, "could not publish the event of payment " + changed.id(), e);
        }
    }
}
