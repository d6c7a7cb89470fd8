package io.pixflow.adapter.webui;

import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.TimeToLive;
import io.pixflow.payment.domain.pix.BrCode;
import io.pixflow.payment.domain.pix.Merchant;
import io.pixflow.payment.domain.pix.PixKey;
import io.pixflow.payment.domain.port.in.FindPayment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Real payments for the pages, made through the domain's own doors, and a store to find them in. */
final class Payments implements FindPayment {

    static final Instant CREATED = Instant.parse("2026-03-10T14:00:00Z");
    /** Thirty minutes after {@link #CREATED}: the default time to live. */
    static final Instant EXPIRES = CREATED.plus(Duration.ofMinutes(30));
    static final Merchant MERCHANT =
            new Merchant(PixKey.parse("123e4567-e12b-12d1-a456-426655440000"), "PIXFLOW", "SAO PAULO");

    private final Map<PaymentId, Payment> byId = new ConcurrentHashMap<>();

    static Payment pending(String id, String reais, String description) {
        Money amount = Money.ofReais(reais);
        String brCode = BrCode.builder(MERCHANT).amount(amount).txid(id).build().payload();
        return Payment.create(new PaymentId(id), amount, UUID.nameUUIDFromBytes(id.getBytes()), brCode, description,
                CREATED, TimeToLive.DEFAULT);
    }

    static Payment pending(String id) {
        return pending(id, "1500.00", null);
    }

    static Payment paid(String id) {
        Payment pending = pending(id);
        return pending.confirm(pending.amount(), CREATED.plusSeconds(60));
    }

    static Payment expired(String id) {
        return pending(id).expire(EXPIRES);
    }

    static Payment cancelled(String id) {
        return pending(id).cancel(CREATED.plusSeconds(60));
    }

    Payments with(Payment payment) {
        byId.put(payment.id(), payment);
        return this;
    }

    @Override
    public Optional<Payment> byId(PaymentId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Payment> byBankPaymentId(UUID bankPaymentId) {
        return byId.values().stream().filter(payment -> payment.bankPaymentId().equals(bankPaymentId)).findFirst();
    }

    @Override
    public List<Payment> finalAmong(Collection<PaymentId> ids) {
        return ids.stream().map(byId::get).filter(p -> p != null && p.status().isFinal()).toList();
    }
}
