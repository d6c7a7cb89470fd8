package io.pixflow.payment.domain.port.in;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;

/** The merchant withdraws a payment that has not been paid. */
public interface CancelPayment {

    /**
     * Idempotent: cancelling a cancelled payment returns it and publishes nothing.
     *
     * @throws io.pixflow.payment.domain.PaymentNotFoundException    when there is no such payment
     * @throws io.pixflow.payment.domain.PaymentAlreadyPaidException when it was paid
     * @throws io.pixflow.payment.domain.PaymentExpiredException     when its time ran out
     */
    Payment cancel(PaymentId id);
}
