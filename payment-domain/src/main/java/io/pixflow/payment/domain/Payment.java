package io.pixflow.payment.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One PIX charge: an exact amount, a BR Code the payer's bank app reads, and a life that starts PENDING and ends
 * PAID, EXPIRED or CANCELLED, never to change again.
 *
 * <p>Immutable: every transition returns a new instance with {@link #version()} one higher, which is what the
 * repository compares before it stores the change. A transition that changes nothing returns {@code this}.
 * Whether a payment is expired is decided by the clock ({@code now >= expiresAt}), never by a status that a
 * sweeper may not have written yet.
 */
public final class Payment {

    private final PaymentId id;
    private final Money amount;
    private final PaymentStatus status;
    private final UUID bankPaymentId;
    private final String brCode;
    private final String description;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final Instant paidAt;
    private final String endToEndId;
    private final long version;

    private Payment(PaymentId id, Money amount, PaymentStatus status, UUID bankPaymentId, String brCode,
                    String description, Instant createdAt, Instant expiresAt, Instant paidAt, String endToEndId,
                    long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.amount = Objects.requireNonNull(amount, "amount");
        this.status = Objects.requireNonNull(status, "status");
        this.bankPaymentId = Objects.requireNonNull(bankPaymentId, "bankPaymentId");
        this.brCode = Objects.requireNonNull(brCode, "brCode");
        this.description = description;
        // SQL databases keep microseconds: a payment must read back equal to what was stored.
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MICROS);
        this.paidAt = paidAt == null ? null : paidAt.truncatedTo(ChronoUnit.MICROS);
        this.endToEndId = endToEndId;
        this.version = version;
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
        if ((status == PaymentStatus.PAID) != (paidAt != null)) {
            throw new IllegalArgumentException("paidAt must be set exactly when the payment is PAID");
        }
        if (endToEndId != null && (status != PaymentStatus.PAID || !PixTransfer.isEndToEndId(endToEndId))) {
            throw new IllegalArgumentException("only a PAID payment names the transfer that paid it");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** A new PENDING payment that can be paid until {@code now + ttl}. */
    public static Payment create(PaymentId id, Money amount, UUID bankPaymentId, String brCode, String description,
                                 Instant now, TimeToLive ttl) {
        Objects.requireNonNull(ttl, "ttl");
        return new Payment(id, amount, PaymentStatus.PENDING, bankPaymentId, brCode, description,
                now, now.plus(ttl.duration()), null, null, 0);
    }

    /** A payment as it was stored; the invariants are checked again, so a corrupt row cannot become a payment. */
    public static Payment restore(PaymentId id, Money amount, PaymentStatus status, UUID bankPaymentId,
                                  String brCode, String description, Instant createdAt, Instant expiresAt,
                                  Instant paidAt, String endToEndId, long version) {
        return new Payment(id, amount, status, bankPaymentId, brCode, description, createdAt, expiresAt, paidAt,
                endToEndId, version);
    }

    /**
     * The bank (or PSP) says {@code paid} arrived for this payment's bank reference. Returns the PAID payment, or
     * {@code this} when it was already paid with that amount: banks deliver notifications at least once, and a
     * repeat must succeed without a second change.
     *
     * @throws AmountMismatchException    when {@code paid} is not exactly the amount
     * @throws PaymentExpiredException    when {@code now} is at or past {@link #expiresAt()}
     * @throws PaymentCancelledException  when the merchant cancelled it
     */
    public Payment confirm(Money paid, Instant now) {
        Objects.requireNonNull(paid, "paid");
        if (status == PaymentStatus.PAID && paid.equals(amount)) {
            return this;
        }
        return pay(paid, now, null);
    }

    /**
     * A PIX transfer for this payment's txid arrived. Returns the PAID payment, or {@code this} when this very
     * transfer already paid it (a redelivery). The payment counts as paid when the bank settled the transfer, if
     * that is earlier than {@code now}: a payer who paid in time is not refused because the bank's notification
     * came late.
     *
     * @throws PaymentAlreadyPaidException when another transfer (or a confirmation) paid it first: the payer paid
     *                                     twice and the money must be returned
     * @throws AmountMismatchException     when the transfer is not exactly the amount
     * @throws PaymentExpiredException     when {@code now} is at or past {@link #expiresAt()}
     * @throws PaymentCancelledException   when the merchant cancelled it
     */
    public Payment confirm(PixTransfer transfer, Instant now) {
        Objects.requireNonNull(transfer, "transfer");
        if (status == PaymentStatus.PAID) {
            if (transfer.endToEndId().equals(endToEndId)) {
                return this;
            }
            throw new PaymentAlreadyPaidException(id);
        }
        Objects.requireNonNull(now, "now");
        Instant settledAt = transfer.receivedAt().isBefore(now) ? transfer.receivedAt() : now;
        return pay(transfer.amount(), settledAt, transfer.endToEndId());
    }

    private Payment pay(Money paid, Instant now, String byTransfer) {
        Objects.requireNonNull(now, "now");
        return switch (status) {
            case PAID -> throw new AmountMismatchException(id, amount, paid);
            case CANCELLED -> throw new PaymentCancelledException(id);
            case EXPIRED -> throw new PaymentExpiredException(id, expiresAt);
            case PENDING -> {
                if (isDue(now)) {
                    throw new PaymentExpiredException(id, expiresAt);
                }
                if (!paid.equals(amount)) {
                    throw new AmountMismatchException(id, amount, paid);
                }
                yield new Payment(id, amount, PaymentStatus.PAID, bankPaymentId, brCode, description, createdAt,
                        expiresAt, now, byTransfer, version + 1);
            }
        };
    }

    /** Writes down what the clock already says: a PENDING payment past its time is EXPIRED. Otherwise {@code this}. */
    public Payment expire(Instant now) {
        Objects.requireNonNull(now, "now");
        if (status != PaymentStatus.PENDING || !isDue(now)) {
            return this;
        }
        return withStatus(PaymentStatus.EXPIRED);
    }

    /**
     * The merchant withdraws a PENDING payment. Cancelling a cancelled payment returns {@code this}.
     *
     * @throws PaymentAlreadyPaidException when it was paid
     * @throws PaymentExpiredException     when its time ran out
     */
    public Payment cancel(Instant now) {
        Objects.requireNonNull(now, "now");
        return switch (status) {
            case CANCELLED -> this;
            case PAID -> throw new PaymentAlreadyPaidException(id);
            case EXPIRED -> throw new PaymentExpiredException(id, expiresAt);
            case PENDING -> {
                if (isDue(now)) {
                    throw new PaymentExpiredException(id, expiresAt);
                }
                yield withStatus(PaymentStatus.CANCELLED);
            }
        };
    }

    /** The status as the payer should see it at {@code now}: PENDING past its time reads EXPIRED. */
    public PaymentStatus statusAt(Instant now) {
        return status == PaymentStatus.PENDING && isDue(now) ? PaymentStatus.EXPIRED : status;
    }

    private boolean isDue(Instant now) {
        return !now.isBefore(expiresAt);
    }

    private Payment withStatus(PaymentStatus next) {
        return new Payment(id, amount, next, bankPaymentId, brCode, description, createdAt, expiresAt, null, null,
                version + 1);
    }

    public PaymentId id() {
        return id;
    }

    public Money amount() {
        return amount;
    }

    /** The status as last stored; see {@link #statusAt(Instant)} for what the clock says. */
    public PaymentStatus status() {
        return status;
    }

    /** The reference the bank (or PSP) quotes when it confirms the payment. */
    public UUID bankPaymentId() {
        return bankPaymentId;
    }

    /** The PIX "copia e cola" payload; its txid is {@link #id()}. */
    public String brCode() {
        return brCode;
    }

    /** What the payer's bank app shows, or {@code null}. */
    public String description() {
        return description;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** When the bank's confirmation was accepted, or {@code null} unless PAID. */
    public Instant paidAt() {
        return paidAt;
    }

    /** The PIX transfer that paid it (its end-to-end id), or {@code null}: unpaid, or confirmed by bank reference. */
    public String endToEndId() {
        return endToEndId;
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Payment)) {
            return false;
        }
        Payment other = (Payment) o;
        return version == other.version && id.equals(other.id) && amount.equals(other.amount)
                && status == other.status && bankPaymentId.equals(other.bankPaymentId)
                && brCode.equals(other.brCode) && Objects.equals(description, other.description)
                && createdAt.equals(other.createdAt) && expiresAt.equals(other.expiresAt)
                && Objects.equals(paidAt, other.paidAt) && Objects.equals(endToEndId, other.endToEndId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Payment[" + id + ", " + amount + ", " + status + ", v" + version + "]";
    }
}
