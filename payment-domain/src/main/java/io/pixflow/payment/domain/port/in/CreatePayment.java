package io.pixflow.payment.domain.port.in;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.TimeToLive;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Opens a new PENDING payment with its BR Code. */
public interface CreatePayment {

    /**
     * @return a stage completing with the payment once it is stored. It fails with
     *         {@link io.pixflow.payment.domain.IdempotencyKeyReusedException} when the key was used for a different
     *         request, and with {@link io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException}.
     * @throws io.pixflow.payment.domain.InvalidValueException when the description does not fit the BR Code;
     *         then nothing was stored
     */
    CompletionStage<Payment> create(Command command);

    /**
     * @param timeToLive     how long it can be paid, or {@code null} for the server's default
     * @param description    what the payer's bank app shows, or {@code null}
     * @param idempotencyKey the client's name for this request, or {@code null}; the same key and request
     *                       return the payment created the first time
     */
    record Command(Money amount, TimeToLive timeToLive, String description, IdempotencyKey idempotencyKey) {

        public Command {
            Objects.requireNonNull(amount, "amount");
        }

        public static Command of(Money amount) {
            return new Command(amount, null, null, null);
        }
    }
}
