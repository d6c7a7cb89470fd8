package io.pixflow.payment.domain.port.in;

import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import java.util.Objects;
import java.util.UUID;

/** Records the bank's word that a payment arrived, and tells its watchers once the change is stored. */
public interface ConfirmPayment {

    /**
     * Idempotent: confirming a paid payment again with the same amount returns it and publishes nothing.
     *
     * @throws io.pixflow.payment.domain.PaymentNotFoundException  when no payment has that bank payment id
     * @throws io.pixflow.payment.domain.AmountMismatchException   when the amount is not exactly the payment's
     * @throws io.pixflow.payment.domain.PaymentExpiredException   when the payment's time ran out
     * @throws io.pixflow.payment.domain.PaymentCancelledException when the merchant cancelled it
     */
    Payment confirm(Command command);

    record Command(UUID bankPaymentId, Money amount) {

        public Command {
            Objects.requireNonNull(bankPaymentId, "bankPaymentId");
            Objects.requireNonNull(amount, "amount");
        }
    }
}
