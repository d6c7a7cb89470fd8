package io.pixflow.adapter.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.TimeToLive;
import io.pixflow.payment.domain.port.in.CreatePayment;
import java.math.BigDecimal;

/** {@code POST /payments/pix}: {@code {"value": 1500, "expires_in"?: seconds, "description"?: text}}. */
record CreatePaymentRequest(BigDecimal value, @JsonProperty("expires_in") Long expiresIn, String description) {

    /** @param idempotencyKey the {@code Idempotency-Key} header, or {@code null} */
    CreatePayment.Command toCommand(String idempotencyKey) {
        return new CreatePayment.Command(
                Money.ofReais(value),
                expiresIn == null ? null : TimeToLive.ofSeconds(expiresIn),
                description,
                idempotencyKey == null ? null : new IdempotencyKey(idempotencyKey));
    }
}
