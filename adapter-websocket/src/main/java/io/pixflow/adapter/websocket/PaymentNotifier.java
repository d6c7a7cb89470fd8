package io.pixflow.adapter.websocket;

import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.out.PaymentEvents;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a payment's final state to the sockets watching that payment, and to no other.
 *
 * <p>{@link #publish} is called by the thread that just committed the change: it hands the event to the executor
 * and returns, and each socket sends on its own asynchronous queue, so a slow or dead browser never holds up a
 * confirmation. An event that cannot be delivered is logged and dropped; the payer's page reads the snapshot again
 * when it reconnects.
 */
public final class PaymentNotifier implements PaymentEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentNotifier.class);

    private final Executor executor;
    private final DeliveryObserver observer;
    private final ConcurrentMap<PaymentId, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

    /**
     * @param executor runs the delivery of each event (rendering and queueing, never waiting on the network); a
     *                 single thread is enough. The caller owns it and shuts it down after the socket is closed.
     * @param observer hears each delivery, with how long it took since {@link #publish}
     */
    public PaymentNotifier(Executor executor, DeliveryObserver observer) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public void publish(PaymentEvent event) {
        if (event == null) {
            LOG.warn("Ignored a null payment event");
            return;
        }
        long publishedAt = System.nanoTime();
        try {
            executor.execute(() -> deliver(event, publishedAt));
        } catch (RuntimeException e) {
            // Rejected after shutdown, typically; the committing thread must not see it.
            LOG.warn("Dropped a {} event: {}", event.type(), e.toString());
        }
    }

    /** How many open sockets watch {@code id}. */
    public int subscriberCount(PaymentId id) {
        Set<Subscriber> watching = subscribers.get(id);
        return watching == null ? 0 : watching.size();
    }

    /**
     * The payments some open socket watches: what a periodic check may read again and re-publish when final
     * (a subscriber ignores a state it already has).
     */
    public Set<PaymentId> watchedPayments() {
        return Set.copyOf(subscribers.keySet());
    }

    void subscribe(Subscriber subscriber) {
        // compute, not computeIfAbsent + add: unsubscribe may remove an emptied set in between.
        subscribers.compute(subscriber.paymentId(), (id, watching) -> {
            Set<Subscriber> set = watching == null ? ConcurrentHashMap.newKeySet() : watching;
            set.add(subscriber);
            return set;
        });
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.computeIfPresent(subscriber.paymentId(), (id, watching) -> {
            watching.remove(subscriber);
            return watching.isEmpty() ? null : watching;
        });
    }

    private void deliver(PaymentEvent event, long publishedAt) {
        Set<Subscriber> watching = subscribers.get(event.payment().id());
        if (watching == null) {
            return;
        }
        for (Subscriber subscriber : watching) {
            try {
                subscriber.deliver(event, () -> observer.delivered(event.type(),
                        Duration.ofNanos(System.nanoTime() - publishedAt)));
            } catch (RuntimeException e) {
                LOG.warn("Could not deliver a {} event to one socket", event.type(), e);
            }
        }
    }
}
