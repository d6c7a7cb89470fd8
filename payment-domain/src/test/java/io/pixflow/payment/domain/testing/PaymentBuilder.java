package io.pixflow.payment.domain.testing;

import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentStatus;
import io.pixflow.payment.domain.pix.BrCode;
import io.pixflow.payment.domain.pix.Merchant;
import io.pixflow.payment.domain.pix.PixKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Test data: {@code aPendingPayment().amount("15.00").expiringAt(t).build()}. */
public final class PaymentBuilder {

    public static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    public static final Merchant MERCHANT =
            new Merchant(PixKey.parse("123e4567-e12b-12d1-a456-426655440000"), "PixFlow Test Shop", "São Paulo");

    private static final SecureRandom RANDOM = new SecureRandom();

    private PaymentId id = PaymentId.generate(T0, RANDOM);
    private UUID bankPaymentId = UUID.randomUUID();
    private Money amount = Money.ofReais("1500.00");
    private PaymentStatus status = PaymentStatus.PENDING;
    private String description;
    private Instant createdAt = T0;
    private Instant expiresAt = T0.plus(Duration.ofMinutes(30));
    private Instant paidAt;
    private String endToEndId;
    private long version;

    private PaymentBuilder() {
    }

    public static PaymentBuilder aPendingPayment() {
        return new PaymentBuilder();
    }

    public static PaymentBuilder aPaidPayment() {
        return new PaymentBuilder().status(PaymentStatus.PAID).paidAt(T0.plusSeconds(60)).version(1);
    }

    public PaymentBuilder id(PaymentId id) {
        this.id = id;
        return this;
    }

    public PaymentBuilder bankPaymentId(UUID bankPaymentId) {
        this.bankPaymentId = bankPaymentId;
        return this;
    }

    public PaymentBuilder amount(String reais) {
        this.amount = Money.ofReais(reais);
        return this;
    }

    public PaymentBuilder status(PaymentStatus status) {
        this.status = status;
        return this;
    }

    public PaymentBuilder description(String description) {
        this.description = description;
        return this;
    }

    public PaymentBuilder createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public PaymentBuilder expiringAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public PaymentBuilder paidAt(Instant paidAt) {
        this.paidAt = paidAt;
        return this;
    }

    public PaymentBuilder paidByTransfer(String endToEndId) {
        this.endToEndId = endToEndId;
        return this;
    }

    public PaymentBuilder version(long version) {
        this.version = version;
        return this;
    }

    public Payment build() {
        String brCode = BrCode.builder(MERCHANT).amount(amount).txid(id.value()).build().payload();
        return Payment.restore(id, amount, status, bankPaymentId, brCode, description, createdAt, expiresAt, paidAt,
                endToEndId, version);
    }
}
