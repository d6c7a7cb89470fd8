package io.pixflow.payment.domain.port.in;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import java.util.Optional;
import java.util.UUID;

/** Looks a payment up by its public id or by the bank's reference. */
public interface FindPayment {

    Optional<Payment> byId(PaymentId id);

    Optional<Payment> byBankPaymentId(UUID bankPaymentId);
}
