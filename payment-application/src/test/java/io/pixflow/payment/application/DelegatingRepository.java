package io.pixflow.payment.application;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Forwards everything; a test overrides the one call it wants to interleave with. */
class DelegatingRepository implements PaymentRepository {

    private final PaymentRepository delegate;

    DelegatingRepository(PaymentRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletionStage<Void> insert(Payment payment) {
        return delegate.insert(payment);
    }

    @Override
    public CompletionStage<Boolean> insert(Payment payment, IdempotencyKey key, String requestFingerprint) {
        return delegate.insert(payment, key, requestFingerprint);
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<Payment> findByBankPaymentId(UUID bankPaymentId) {
        return delegate.findByBankPaymentId(bankPaymentId);
    }

    @Override
    public Optional<IdempotentCreation> findByIdempotencyKey(IdempotencyKey key) {
        return delegate.findByIdempotencyKey(key);
    }

    @Override
    public boolean compareAndSet(Payment current, Payment next) {
        return delegate.compareAndSet(current, next);
    }

    @Override
    public List<Payment> findFinal(Collection<PaymentId> ids) {
        return delegate.findFinal(ids);
    }

    @Override
    public List<Payment> findDue(Instant now, int limit) {
        return delegate.findDue(now, limit);
    }
}
