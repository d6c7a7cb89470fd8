package io.pixflow.adapter.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The payment resource P of the HTTP API, in the demo's snake_case. */
record PaymentRepresentation(
        String id,
        BigDecimal value,
        boolean paid,
        String status,
        @JsonProperty("bank_payment_id") String bankPaymentId,
        @JsonProperty("qr_code") String qrCode,
        @JsonProperty("qr_code_url") String qrCodeUrl,
        @JsonProperty("pix_copy_paste") String pixCopyPaste,
        @JsonProperty("page_url") String pageUrl,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("paid_at") Instant paidAt,
        @JsonProperty("expiration_date") String expirationDate,
        String description) {

    /** IMF-fixdate (RFC 1123 with a two-digit day), as the demo printed {@code expiration_date}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * @param now  decides the status the client sees: a PENDING payment past its time reads EXPIRED before the
     *             sweeper writes it
     * @param base the application's absolute base URL, ending with {@code /}
     */
    static PaymentRepresentation from(Payment payment, Instant now, String base) {
        PaymentStatus status = payment.statusAt(now);
        String qrCode = QrCodeName.of(payment.bankPaymentId());
        // Appended, not URI.resolve()d: the base ends with '/' and ids and code names are plain letters, digits,
        // '-' and '_', so the result is the same without parsing a URI per link on every response.
        return new PaymentRepresentation(
                payment.id().value(),
                payment.amount().toReais(),
                status == PaymentStatus.PAID,
                status.name(),
                payment.bankPaymentId().toString(),
                qrCode,
                base + "payments/pix/qr_code/" + qrCode,
                payment.brCode(),
                base + "payments/pix/" + payment.id().value(),
                payment.createdAt(),
                payment.expiresAt(),
                payment.paidAt(),
                HTTP_DATE.format(payment.expiresAt()),
                payment.description());
    }
}
