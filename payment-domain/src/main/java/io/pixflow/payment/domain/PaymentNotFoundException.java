package io.pixflow.payment.domain;

import java.util.UUID;

/** No payment answers to the id or bank reference that was given. */
public final class PaymentNotFoundException extends PaymentException {

    private PaymentNotFoundException(String message) {
        super(message);
    }

    public static PaymentNotFoundException forId(PaymentId id) {
        return new PaymentNotFoundException("no payment with id " + id);
    }

    public static PaymentNotFoundException forBankPaymentId(UUID bankPaymentId) {
        return new PaymentNotFoundException("no payment with bank_payment_id " + bankPaymentId);
    }
}
