package io.pixflow.payment.domain.testing;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentStatus;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link PaymentRepository} in a map, for tests. It passes the same contract as the JDBC repository. */
public final class InMemoryPaymentRepository implements PaymentRepository {

    private final Map<PaymentId, Payment> payments = new HashMap<>();
    private final Map<IdempotencyKey, IdempotentCreation> creations = new HashMap<>();

    /** Stored at once: the stage is complete when it is returned. */
    @Override
    public synchronized CompletionStage<Void> insert(Payment payment) {
        if (payments.putIfAbsent(payment.id(), payment) != null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("payment " + payment.id() + " is already stored"));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Boolean> insert(Payment payment, IdempotencyKey key,
                                                        String requestFingerprint) {
        if (creations.containsKey(key)) {
            return CompletableFuture.completedFuture(false);
        }
        return insert(payment).thenApply(stored -> {
            creations.put(key, new IdempotentCreation(payment, requestFingerprint));
            return true;
        });
    }

    @Override
    public synchronized Optional<Payment> findById(PaymentId id) {
        return Optional.ofNullable(payments.get(id));
    }

    @Override
    public synchronized Optional<Payment> findByBankPaymentId(UUID bankPaymentId) {
        return payments.values().stream().filter(p -> p.bankPaymentId().equals(bankPaymentId)).findFirst();
    }

    @Override
    public synchronized Optional<IdempotentCreation> findByIdempotencyKey(IdempotencyKey key) {
        return Optional.ofNullable(creations.get(key))
                .map(creation -> new IdempotentCreation(payments.get(creation.payment().id()),
                        creation.requestFingerprint()));
    }

    @Override
    public synchronized boolean compareAndSet(Payment current, Payment next) {
        Payment stored = payments.get(current.id());
        if (stored == null || stored.version() != current.version()) {
            return false;
        }
        payments.put(next.id(), next);
        return true;
    }

    @Override
    public synchronized List<Payment> findFinal(Collection<PaymentId> ids) {
        return ids.stream().distinct().map(payments::get)
                .filter(p -> p != null && p.status().isFinal())
                .toList();
    }

    @Override
    public synchronized List<Payment> findDue(Instant now, int limit) {
        return payments.values().stream()
                .filter(p -> p.status() == PaymentStatus.PENDING && !p.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Payment::expiresAt))
                .limit(limit)
                .toList();
    }
}
