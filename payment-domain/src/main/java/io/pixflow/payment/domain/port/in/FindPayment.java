package io.pixflow.payment.domain.port.in;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Looks a payment up by its public id or by the bank's reference. */
public interface FindPayment {

    Optional<Payment> byId(PaymentId id);

    Optional<Payment> byBankPaymentId(UUID bankPaymentId);

    /**
     * Those of {@code ids} that have reached a final state: lets a node re-announce outcomes its watchers may have
     * missed (a lost notification, a listener that reconnected).
     */
    List<Payment> finalAmong(Collection<PaymentId> ids);
}
