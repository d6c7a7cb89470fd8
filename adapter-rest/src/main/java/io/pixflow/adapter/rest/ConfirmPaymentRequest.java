package io.pixflow.adapter.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pixflow.payment.domain.InvalidValueException;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.port.in.ConfirmPayment;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code POST /payments/pix/confirmation}: the bank's {@code {"bank_payment_id": uuid, "value": number}}. */
record ConfirmPaymentRequest(@JsonProperty("bank_payment_id") String bankPaymentId, BigDecimal value) {

    // UUID.fromString accepts "1-2-3-4-5"; a bank reference must be the canonical 36-character form.
    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    ConfirmPayment.Command toCommand() {
        if (bankPaymentId == null) {
            throw new InvalidValueException("bank_payment_id", "is required");
        }
        if (!UUID_FORMAT.matcher(bankPaymentId).matches()) {
            throw new InvalidValueException("bank_payment_id",
                    "must be a UUID such as 123e4567-e89b-42d3-a456-426614174000");
        }
        return new ConfirmPayment.Command(UUID.fromString(bankPaymentId), Money.ofReais(value));
    }
}
