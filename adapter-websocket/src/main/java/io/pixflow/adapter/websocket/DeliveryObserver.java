package io.pixflow.adapter.websocket;

import io.pixflow.payment.domain.PaymentEvent;
import java.time.Duration;

/** Hears every event the moment it was handed to a subscriber's socket: what metrics count and time. */
@FunctionalInterface
public interface DeliveryObserver {

    DeliveryObserver NONE = (type, sincePublished) -> { };

    /**
     * @param sincePublished from {@code PaymentEvents.publish}, right after the change was stored, to the send's
     *                       completion
     */
    void delivered(PaymentEvent.Type type, Duration sincePublished);
}
