package io.pixflow.payment.domain.port.out;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Where payments are kept. Every change is durable when it is acknowledged: when the method returns, or for an
 * insert when its stage completes, the change survives a crash. Implementations throw (or fail the stage with)
 * {@link PaymentStoreUnavailableException} when the store cannot be reached, and never leak their own exception
 * types.
 *
 * <p>Inserts answer with a stage so that a caller need not hold a thread while its row waits for a commit, which
 * a store may share among many inserts. The stage may complete on a thread of the store's: what depends on it
 * should be short, or move to the caller's own executor.
 *
 * <p>Concurrency is settled here, not by locks in services: {@link #compareAndSet} stores a change only if
 * nobody else stored one since it was read, so two racing confirmations end in exactly one stored transition.
 */
public interface PaymentRepository {

    /** Stores a new payment. Its id and bank payment id are fresh, so they are not checked for collisions. */
    CompletionStage<Void> insert(Payment payment);

    /**
     * Stores a new payment under a client's idempotency key, atomically with the key.
     *
     * @return a stage completing with {@code false}, storing nothing, when the key already names a payment
     */
    CompletionStage<Boolean> insert(Payment payment, IdempotencyKey key, String requestFingerprint);

    Optional<Payment> findById(PaymentId id);

    Optional<Payment> findByBankPaymentId(UUID bankPaymentId);

    /** The payment created under {@code key}, with the fingerprint of the request that created it. */
    Optional<IdempotentCreation> findByIdempotencyKey(IdempotencyKey key);

    /**
     * Replaces {@code current} by {@code next} if the stored payment still has {@code current}'s version.
     *
     * @param next the same payment one version later
     * @return {@code false}, storing nothing, when another change was stored first
     */
    boolean compareAndSet(Payment current, Payment next);

    /** PENDING payments whose {@code expiresAt} is at or before {@code now}, soonest due first. */
    List<Payment> findDue(Instant now, int limit);

    /** Those of {@code ids} whose stored status is final (PAID, EXPIRED or CANCELLED), in no particular order. */
    List<Payment> findFinal(Collection<PaymentId> ids);

    /** A payment and the fingerprint of the request that created it under an idempotency key. */
    record IdempotentCreation(Payment payment, String requestFingerprint) {
    }
}
