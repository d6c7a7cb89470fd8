package io.pixflow.payment.domain.testing;

import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static io.pixflow.payment.domain.testing.PaymentBuilder.aPaidPayment;
import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentStatus;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.port.out.PaymentRepository.IdempotentCreation;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PaymentRepository} must do. An implementation's test extends this class and returns a fresh,
 * empty repository from {@link #newRepository()}; the same cases then run against it.
 */
public abstract class PaymentRepositoryContract {

    private static final Instant T1 = T0.plusSeconds(1);

    protected PaymentRepository repository;

    /** A repository that holds no payment yet. Called before every test. */
    protected abstract PaymentRepository newRepository();

    @BeforeEach
    void freshRepository() {
        repository = newRepository();
    }

    @Nested
    class Storing {

        @Test
        void aStoredPaymentReadsBackEqualByIdAndByBankPaymentId() {
            Payment payment = aPendingPayment().amount("1234.56").description("Pedido 123")
                    .createdAt(Instant.parse("2026-11-29T12:00:00.123456Z"))
                    .expiringAt(Instant.parse("2026-11-29T12:30:00.123456Z")).build();

            join(repository.insert(payment));

            assertThat(repository.findById(payment.id())).contains(payment);
            assertThat(repository.findByBankPaymentId(payment.bankPaymentId())).contains(payment);
        }

        @Test
        void aPaidPaymentKeepsItsPaymentTimeAndVersion() {
            Payment paid = aPaidPayment().paidAt(Instant.parse("2026-11-29T12:01:02.5Z")).version(7).build();

            join(repository.insert(paid));

            Payment read = repository.findById(paid.id()).orElseThrow();
            assertThat(read.paidAt()).isEqualTo(Instant.parse("2026-11-29T12:01:02.5Z"));
            assertThat(read.version()).isEqualTo(7);
            assertThat(read.status()).isEqualTo(PaymentStatus.PAID);
        }

        @Test
        void aPaymentPaidByATransferKeepsTheTransfersEndToEndId() {
            Payment paid = aPaidPayment().paidByTransfer("E12345678202611291200abcdefghijk").build();

            join(repository.insert(paid));

            assertThat(repository.findById(paid.id()).orElseThrow().endToEndId())
                    .isEqualTo("E12345678202611291200abcdefghijk");
        }

        @Test
        void theLargestAmountABrCodeCanCarryIsKeptExactly() {
            Payment payment = aPendingPayment().amount("9999999999.99").build();

            join(repository.insert(payment));

            assertThat(repository.findById(payment.id()).orElseThrow().amount())
                    .isEqualTo(Money.ofCentavos(Money.MAX_CENTAVOS));
        }

        @Test
        void unknownIdsFindNothing() {
            join(repository.insert(aPendingPayment().build()));

            assertThat(repository.findById(PaymentId.generate(Instant.EPOCH, new SecureRandom()))).isEmpty();
            assertThat(repository.findByBankPaymentId(UUID.randomUUID())).isEmpty();
            assertThat(repository.findByIdempotencyKey(new IdempotencyKey("never-used"))).isEmpty();
        }
    }

    @Nested
    class IdempotencyKeys {

        @Test
        void aKeyFindsThePaymentCreatedUnderItAndItsFingerprint() {
            Payment payment = aPendingPayment().build();

            boolean stored = join(repository.insert(payment, new IdempotencyKey("order-42"), "fingerprint-a"));

            assertThat(stored).isTrue();
            assertThat(repository.findByIdempotencyKey(new IdempotencyKey("order-42")))
                    .contains(new IdempotentCreation(payment, "fingerprint-a"));
            assertThat(repository.findById(payment.id())).contains(payment);
        }

        @Test
        void aTakenKeyStoresNothingAndKeepsTheFirstPayment() {
            Payment first = aPendingPayment().build();
            Payment second = aPendingPayment().build();
            join(repository.insert(first, new IdempotencyKey("order-42"), "fingerprint-a"));

            boolean stored = join(repository.insert(second, new IdempotencyKey("order-42"), "fingerprint-b"));

            assertThat(stored).isFalse();
            assertThat(repository.findById(second.id())).isEmpty();
            assertThat(repository.findByIdempotencyKey(new IdempotencyKey("order-42")))
                    .contains(new IdempotentCreation(first, "fingerprint-a"));
        }

        @Test
        void theKeyFindsThePaymentAsItIsNowNotAsItWasCreated() {
            Payment pending = aPendingPayment().build();
            join(repository.insert(pending, new IdempotencyKey("order-42"), "fingerprint-a"));
            Payment paid = pending.confirm(pending.amount(), T1);
            repository.compareAndSet(pending, paid);

            assertThat(repository.findByIdempotencyKey(new IdempotencyKey("order-42")).orElseThrow().payment())
                    .isEqualTo(paid);
        }
    }

    @Nested
    class CompareAndSet {

        @Test
        void storesTheChangeWhenNothingChangedSinceTheRead() {
            Payment pending = aPendingPayment().build();
            join(repository.insert(pending));
            Payment paid = pending.confirm(pending.amount(), T1);

            assertThat(repository.compareAndSet(pending, paid)).isTrue();

            assertThat(repository.findById(pending.id())).contains(paid);
        }

        @Test
        void refusesAChangeBasedOnAStaleReadAndKeepsTheWinner() {
            Payment pending = aPendingPayment().build();
            join(repository.insert(pending));
            Payment cancelled = pending.cancel(T1);
            Payment paid = pending.confirm(pending.amount(), T1);
            repository.compareAndSet(pending, cancelled);

            assertThat(repository.compareAndSet(pending, paid)).isFalse();

            assertThat(repository.findById(pending.id())).contains(cancelled);
        }

        @Test
        void refusesAChangeToAPaymentThatWasNeverStored() {
            Payment pending = aPendingPayment().build();

            assertThat(repository.compareAndSet(pending, pending.confirm(pending.amount(), T1))).isFalse();
            assertThat(repository.findById(pending.id())).isEmpty();
        }

        @Test
        void ofManyConcurrentChangesFromTheSameReadExactlyOneWins() throws Exception {
            Payment pending = aPendingPayment().build();
            join(repository.insert(pending));
            int racers = 16;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    Payment next = i % 2 == 0 ? pending.confirm(pending.amount(), T1) : pending.cancel(T1);
                    Callable<Boolean> race = () -> {
                        start.await();
                        return repository.compareAndSet(pending, next);
                    };
                    results.add(pool.submit(race));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> result : results) {
                    wins += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).isEqualTo(1);
                assertThat(repository.findById(pending.id()).orElseThrow().version()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class FinalPayments {

        @Test
        void areThoseOfTheGivenIdsThatArePaidExpiredOrCancelled() {
            Payment paid = aPaidPayment().build();
            Payment expired = aPendingPayment().status(PaymentStatus.EXPIRED).build();
            Payment cancelled = aPendingPayment().status(PaymentStatus.CANCELLED).build();
            Payment pending = aPendingPayment().build();
            Payment paidButNotAsked = aPaidPayment().build();
            List.of(paid, expired, cancelled, pending, paidButNotAsked).forEach(payment -> join(repository.insert(payment)));

            List<Payment> found = repository.findFinal(List.of(paid.id(), expired.id(), cancelled.id(), pending.id(),
                    PaymentId.generate(Instant.EPOCH, new SecureRandom())));

            assertThat(found).containsExactlyInAnyOrder(paid, expired, cancelled);
        }

        @Test
        void workForMoreIdsThanOneQueryShouldCarry() {
            List<PaymentId> ids = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                Payment payment = i % 100 == 0 ? aPaidPayment().build() : aPendingPayment().build();
                join(repository.insert(payment));
                ids.add(payment.id());
            }

            assertThat(repository.findFinal(ids)).hasSize(25);
        }
    }

    @Nested
    class DuePayments {

        @Test
        void arePendingPaymentsAtOrPastTheirTimeSoonestFirst() {
            Payment dueLater = aPendingPayment().expiringAt(T0.plusSeconds(50)).build();
            Payment dueFirst = aPendingPayment().expiringAt(T0.plusSeconds(10)).build();
            Payment dueExactlyNow = aPendingPayment().expiringAt(T0.plusSeconds(60)).build();
            Payment notYetDue = aPendingPayment().expiringAt(T0.plusSeconds(61)).build();
            Payment paid = aPaidPayment().expiringAt(T0.plusSeconds(5)).build();
            Payment cancelled = aPendingPayment().status(PaymentStatus.CANCELLED).expiringAt(T0.plusSeconds(5))
                    .build();
            Payment expired = aPendingPayment().status(PaymentStatus.EXPIRED).expiringAt(T0.plusSeconds(5)).build();
            List.of(dueLater, dueFirst, dueExactlyNow, notYetDue, paid, cancelled, expired)
                    .forEach(payment -> join(repository.insert(payment)));

            assertThat(repository.findDue(T0.plusSeconds(60), 10)).containsExactly(dueFirst, dueLater, dueExactlyNow);
        }

        @Test
        void neverMoreThanTheLimit() {
            for (int i = 1; i <= 5; i++) {
                join(repository.insert(aPendingPayment().expiringAt(T0.plusSeconds(i)).build()));
            }

            assertThat(repository.findDue(T0.plusSeconds(60), 3)).hasSize(3)
                    .extracting(Payment::expiresAt)
                    .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
        }
    }
}
