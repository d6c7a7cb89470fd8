package io.pixflow.client;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment as the server described it.
 *
 * @param pixCopyPaste the BR Code to show the payer ("PIX copia e cola")
 * @param pageUrl      the payment page to send the payer to
 */
public record PixPayment(String id, BigDecimal value, PaymentStatus status, UUID bankPaymentId,
                         String pixCopyPaste, URI pageUrl, URI qrCodeUrl, Instant expiresAt, Instant paidAt) {
}
