package io.pixflow.adapter.webui;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A payment as its page shows it, every value already a string in the page's language, so the templates only
 * place text. The status is what the clock says ({@link Payment#statusAt}): an overdue PENDING payment reads
 * EXPIRED before any sweeper has written it.
 *
 * @param status      PENDING, PAID, EXPIRED or CANCELLED at the moment of rendering
 * @param amount      for people: {@code R$ 1.500,00}
 * @param value       for the sandbox confirmation: {@code 1500.00}
 * @param description the merchant's text, empty when there is none
 * @param expiresAt   ISO-8601 instant
 * @param msLeft      milliseconds until expiry (0 when not pending), for the script's countdown
 * @param countdown   the countdown's first text, e.g. {@code 29:59}, so the page reads right without script
 */
public record PaymentView(
        String id,
        String status,
        String amount,
        String value,
        String description,
        String brCode,
        String bankPaymentId,
        String expiresAt,
        String msLeft,
        String countdown,
        String qrCodeUrl,
        String jsonUrl,
        String webSocketPath) {

    public PaymentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(description, "description");
    }

    static PaymentView from(Payment payment, Language language, Clock clock) {
        Instant now = clock.instant();
        PaymentStatus status = payment.statusAt(now);
        Duration left = status == PaymentStatus.PENDING ? Duration.between(now, payment.expiresAt()) : Duration.ZERO;
        String id = payment.id().value();
        return new PaymentView(
                id,
                status.name(),
                language.format(payment.amount()),
                payment.amount().toPlainString(),
                payment.description() == null ? "" : payment.description(),
                payment.brCode(),
                payment.bankPaymentId().toString(),
                payment.expiresAt().toString(),
                Long.toString(left.toMillis()),
                countdown(left),
                "/payments/pix/" + id + "/qr.png",
                "/payments/pix/" + id,
                "/ws/payments/" + id);
    }

    /** {@code 29:59} under an hour, {@code 167:59:59} above; seconds round up so 0:00 means expired. */
    static String countdown(Duration left) {
        long seconds = (left.toMillis() + 999) / 1000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0
                ? String.format("%d:%02d:%02d", hours, minutes, rest)
                : String.format("%02d:%02d", minutes, rest);
    }
}
