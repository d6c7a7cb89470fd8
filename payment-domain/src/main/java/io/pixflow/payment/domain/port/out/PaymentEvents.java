package io.pixflow.payment.domain.port.out;

import io.pixflow.payment.domain.PaymentEvent;

/**
 * Tells whoever watches a payment that it reached a final state. Called only after the change was stored.
 *
 * <p>Implementations hand the event off and return at once: delivery to slow subscribers must never hold up the
 * thread that confirmed the payment. They do not throw; a lost event is made good by the snapshot a subscriber
 * reads when it (re)connects.
 */
public interface PaymentEvents {

    void publish(PaymentEvent event);
}
