package io.pixflow.payment.application;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.IdempotencyKeyReusedException;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentNotFoundException;
import io.pixflow.payment.domain.TimeToLive;
import io.pixflow.payment.domain.pix.BrCode;
import io.pixflow.payment.domain.pix.Merchant;
import io.pixflow.payment.domain.port.in.CancelPayment;
import io.pixflow.payment.domain.port.in.ConfirmPayment;
import io.pixflow.payment.domain.port.in.CreatePayment;
import io.pixflow.payment.domain.port.in.ExpireDuePayments;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.out.PaymentEvents;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.port.out.PaymentRepository.IdempotentCreation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A payment's life from creation to its final state.
 *
 * <p>Every change is read, decided by the {@link Payment} aggregate, and stored with the repository's
 * compare-and-set ({@link PaymentTransitions}); an event is published only after the store accepted the change,
 * and never for a call that changed nothing.
 */
public final class PaymentService
        implements CreatePayment, FindPayment, ConfirmPayment, CancelPayment, ExpireDuePayments {

    private static final int EXPIRY_BATCH_SIZE = 100;

    private final PaymentRepository payments;
    private final PaymentTransitions transitions;
    private final Merchant merchant;
    private final TimeToLive defaultTimeToLive;
    private final Clock clock;
    private final SecureRandom random;

    public PaymentService(PaymentRepository payments, PaymentEvents events, Merchant merchant,
                          TimeToLive defaultTimeToLive, Clock clock, SecureRandom random) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.transitions = new PaymentTransitions(payments, Objects.requireNonNull(events, "events"));
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.defaultTimeToLive = Objects.requireNonNull(defaultTimeToLive, "defaultTimeToLive");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public CompletionStage<Payment> create(CreatePayment.Command command) {
        Objects.requireNonNull(command, "command");
        IdempotencyKey key = command.idempotencyKey();
        if (key == null) {
            Payment payment = newPayment(command);
            return payments.insert(payment).thenApply(stored -> payment);
        }
        return createOnce(command, key, fingerprint(command));
    }

    /** One round of an idempotent create: the earlier payment, or a new one stored under the key. */
    private CompletionStage<Payment> createOnce(CreatePayment.Command command, IdempotencyKey key,
                                                String fingerprint) {
        Optional<IdempotentCreation> earlier = payments.findByIdempotencyKey(key);
        if (earlier.isPresent()) {
            if (!earlier.get().requestFingerprint().equals(fingerprint)) {
                return CompletableFuture.failedFuture(new IdempotencyKeyReusedException());
            }
            return CompletableFuture.completedFuture(earlier.get().payment());
        }
        Payment payment = newPayment(command);
        // Not stored means a concurrent request with the same key stored first; the next round returns (or
        // refuses) its payment.
        return payments.insert(payment, key, fingerprint)
                .thenCompose(stored -> stored ? CompletableFuture.completedFuture(payment)
                        : createOnce(command, key, fingerprint));
    }

    @Override
    public Optional<Payment> byId(PaymentId id) {
        return payments.findById(id);
    }

    @Override
    public Optional<Payment> byBankPaymentId(UUID bankPaymentId) {
        return payments.findByBankPaymentId(bankPaymentId);
    }

    @Override
    public List<Payment> finalAmong(Collection<PaymentId> ids) {
        return ids.isEmpty() ? List.of() : payments.findFinal(ids);
    }

    @Override
    public Payment confirm(ConfirmPayment.Command command) {
        Objects.requireNonNull(command, "command");
        return transitions.apply(
                () -> payments.findByBankPaymentId(command.bankPaymentId())
                        .orElseThrow(() -> PaymentNotFoundException.forBankPaymentId(command.bankPaymentId())),
                payment -> payment.confirm(command.amount(), clock.instant()));
    }

    @Override
    public Payment cancel(PaymentId id) {
        Objects.requireNonNull(id, "id");
        return transitions.apply(
                () -> payments.findById(id).orElseThrow(() -> PaymentNotFoundException.forId(id)),
                payment -> payment.cancel(clock.instant()));
    }

    @Override
    public int expireDue() {
        int expired = 0;
        while (true) {
            Instant now = clock.instant();
            List<Payment> due = payments.findDue(now, EXPIRY_BATCH_SIZE);
            for (Payment payment : due) {
                // Losing the race means a confirmation or a cancellation (or another node's sweep) got there first.
                if (transitions.applyOnce(payment, payment.expire(now))) {
                    expired++;
                }
            }
            if (due.size() < EXPIRY_BATCH_SIZE) {
                return expired;
            }
        }
    }

    private Payment newPayment(CreatePayment.Command command) {
        Instant now = clock.instant();
        PaymentId id = PaymentId.generate(now, random);
        BrCode.Builder brCode = BrCode.builder(merchant).amount(command.amount()).txid(id.value());
        if (command.description() != null) {
            brCode.description(command.description());
        }
        BrCode code = brCode.build();
        TimeToLive ttl = command.timeToLive() != null ? command.timeToLive() : defaultTimeToLive;
        return Payment.create(id, command.amount(), timeOrderedUuid(now), code.payload(),
                code.description().orElse(null), now, ttl);
    }

    /**
     * A UUID version 7 (RFC 9562): the time in milliseconds, then 74 random bits. Unguessable like a version 4,
     * and, like {@link PaymentId}, it sorts by creation time, so its unique index grows at one end.
     */
    private UUID timeOrderedUuid(Instant now) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        long millis = now.toEpochMilli();
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (millis >>> (40 - 8 * i));
        }
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x70);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low);
    }

    /** What makes two creation requests "the same request" for an idempotency key. */
    private static String fingerprint(CreatePayment.Command command) {
        String canonical = command.amount().centavos()
                + "|" + (command.timeToLive() == null ? "" : command.timeToLive().duration().toSeconds())
                + "|" + (command.description() == null ? "" : command.description());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
