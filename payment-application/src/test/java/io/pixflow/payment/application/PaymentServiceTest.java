package io.pixflow.payment.application;

import static io.pixflow.payment.domain.testing.PaymentBuilder.MERCHANT;
import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.pixflow.payment.domain.AmountMismatchException;
import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.IdempotencyKeyReusedException;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentAlreadyPaidException;
import io.pixflow.payment.domain.PaymentCancelledException;
import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.PaymentExpiredException;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentNotFoundException;
import io.pixflow.payment.domain.PaymentStatus;
import io.pixflow.payment.domain.TimeToLive;
import io.pixflow.payment.domain.pix.BrCode;
import io.pixflow.payment.domain.port.in.ConfirmPayment;
import io.pixflow.payment.domain.port.in.CreatePayment;
import io.pixflow.payment.domain.port.out.PaymentEvents;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.testing.InMemoryPaymentRepository;
import io.pixflow.payment.domain.testing.TestClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class PaymentServiceTest {

    private static final Money AMOUNT = Money.ofReais("1500.00");

    private final TestClock clock = new TestClock(T0);
    private final InMemoryPaymentRepository repository = new InMemoryPaymentRepository();
    private final PaymentEvents events = mock(PaymentEvents.class);
    private final PaymentService service = serviceOn(repository);

    private PaymentService serviceOn(PaymentRepository payments) {
        return new PaymentService(payments, events, MERCHANT, TimeToLive.DEFAULT, clock, new SecureRandom());
    }

    private Payment aPendingPayment() {
        return join(service.create(CreatePayment.Command.of(AMOUNT)));
    }

    private Payment confirm(Payment payment, Money amount) {
        return service.confirm(new ConfirmPayment.Command(payment.bankPaymentId(), amount));
    }

    private Payment stored(Payment payment) {
        return repository.findById(payment.id()).orElseThrow();
    }

    @Nested
    class Creating {

        @Test
        void storesAPendingPaymentWhoseBrCodeCarriesTheAmountAndTheIdAsTxid() {
            Payment payment = aPendingPayment();

            assertThat(stored(payment)).isEqualTo(payment);
            assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
            assertThat(payment.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
            BrCode code = BrCode.parse(payment.brCode());
            assertThat(code.txid()).isEqualTo(payment.id().value());
            assertThat(code.amount()).contains(AMOUNT);
            assertThat(code.pixKey()).isEqualTo(MERCHANT.key());
            verify(events, never()).publish(any());
        }

        @Test
        void honoursTheRequestedTimeToLiveAndFoldsTheDescriptionIntoTheBrCode() {
            Payment payment = join(service.create(new CreatePayment.Command(AMOUNT, TimeToLive.ofSeconds(120),
                    "Pão de queijo", null)));

            assertThat(payment.expiresAt()).isEqualTo(T0.plusSeconds(120));
            assertThat(payment.description()).isEqualTo("Pao de queijo");
            assertThat(BrCode.parse(payment.brCode()).description()).contains("Pao de queijo");
        }

        @Test
        void everyPaymentGetsItsOwnIdAndBankReference() {
            Payment first = aPendingPayment();
            Payment second = aPendingPayment();

            assertThat(first.id()).isNotEqualTo(second.id());
            assertThat(first.bankPaymentId()).isNotEqualTo(second.bankPaymentId());
            // RFC 9562 version 7: the first 48 bits are the creation time in milliseconds, the variant is IETF's.
            assertThat(first.bankPaymentId().version()).isEqualTo(7);
            assertThat(first.bankPaymentId().variant()).isEqualTo(2);
            assertThat(first.bankPaymentId().getMostSignificantBits() >>> 16)
                    .isEqualTo(first.createdAt().toEpochMilli());
        }
    }

    @Nested
    class IdempotentCreation {

        private final CreatePayment.Command order42 =
                new CreatePayment.Command(AMOUNT, null, "Pedido 42", new IdempotencyKey("order-42"));

        @Test
        void theSameKeyAndRequestReturnTheFirstPaymentAndStoreNoOther() {
            Payment first = join(service.create(order42));
            Payment retry = join(service.create(order42));

            assertThat(retry).isEqualTo(first);
            assertThat(repository.findDue(T0.plus(Duration.ofDays(8)), 10)).containsExactly(first);
        }

        @Test
        void aRetryAfterThePaymentWasPaidReturnsItPaid() {
            Payment first = join(service.create(order42));
            Payment paid = confirm(first, AMOUNT);

            assertThat(join(service.create(order42))).isEqualTo(paid);
        }

        @Test
        void theSameKeyWithAnotherRequestIsRefused() {
            join(service.create(order42));

            assertThatThrownBy(() -> join(service.create(new CreatePayment.Command(Money.ofReais("1.00"), null,
                    "Pedido 42", new IdempotencyKey("order-42")))))
                    .isInstanceOf(IdempotencyKeyReusedException.class);
            assertThat(repository.findDue(T0.plus(Duration.ofDays(8)), 10)).hasSize(1);
        }

        @Test
        void concurrentRequestsWithOneKeyCreateOnePayment() throws Exception {
            List<Payment> results = race(Collections.nCopies(16, () -> join(service.create(order42))));

            assertThat(results).containsOnly(results.get(0));
            assertThat(repository.findDue(T0.plus(Duration.ofDays(8)), 100)).hasSize(1);
        }
    }

    @Nested
    class Confirming {

        @Test
        void theExactAmountPaysItAndTellsTheWatchersOnce() {
            Payment payment = aPendingPayment();
            clock.advance(Duration.ofMinutes(5));

            Payment paid = confirm(payment, AMOUNT);

            assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(paid.paidAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
            assertThat(stored(payment)).isEqualTo(paid);
            verify(events, times(1)).publish(PaymentEvent.of(paid));
        }

        @Test
        void aSecondConfirmationSucceedsWithoutASecondEvent() {
            Payment payment = aPendingPayment();
            Payment paid = confirm(payment, AMOUNT);

            assertThat(confirm(payment, AMOUNT)).isEqualTo(paid);

            verify(events, times(1)).publish(any());
        }

        @Test
        void aWrongAmountChangesNothingAndTellsNobody() {
            Payment payment = aPendingPayment();

            assertThatThrownBy(() -> confirm(payment, Money.ofReais("150.00")))
                    .isInstanceOf(AmountMismatchException.class);

            assertThat(stored(payment)).isEqualTo(payment);
            verify(events, never()).publish(any());
        }

        @Test
        void afterExpiresAtItIsRejectedAlthoughTheStatusStillSaysPending() {
            Payment payment = aPendingPayment();
            clock.set(payment.expiresAt());

            assertThatThrownBy(() -> confirm(payment, AMOUNT)).isInstanceOf(PaymentExpiredException.class);

            assertThat(stored(payment).status()).isEqualTo(PaymentStatus.PENDING);
            verify(events, never()).publish(any());
        }

        @Test
        void afterCancellationItIsAConflict() {
            Payment payment = aPendingPayment();
            service.cancel(payment.id());

            assertThatThrownBy(() -> confirm(payment, AMOUNT)).isInstanceOf(PaymentCancelledException.class);

            assertThat(stored(payment).status()).isEqualTo(PaymentStatus.CANCELLED);
        }

        @Test
        void afterTheSweeperExpiredItItIsRejectedAsExpired() {
            Payment payment = aPendingPayment();
            clock.set(payment.expiresAt());
            service.expireDue();

            assertThatThrownBy(() -> confirm(payment, AMOUNT)).isInstanceOf(PaymentExpiredException.class);
        }

        @Test
        void anUnknownBankReferenceIsNotFound() {
            assertThatThrownBy(() -> service.confirm(new ConfirmPayment.Command(UUID.randomUUID(), AMOUNT)))
                    .isInstanceOf(PaymentNotFoundException.class);
        }

        @Test
        void whenAnotherConfirmationStoresFirstTheLoserReReadsAndSucceedsWithoutAnEvent() {
            AtomicBoolean raced = new AtomicBoolean();
            PaymentService[] competitor = new PaymentService[1];
            PaymentRepository racing = new DelegatingRepository(repository) {
                @Override
                public boolean compareAndSet(Payment current, Payment next) {
                    if (raced.compareAndSet(false, true)) {
                        // The other confirmation commits between this one's read and its write.
                        competitor[0].confirm(new ConfirmPayment.Command(current.bankPaymentId(), AMOUNT));
                    }
                    return super.compareAndSet(current, next);
                }
            };
            competitor[0] = serviceOn(repository);
            Payment payment = aPendingPayment();

            Payment result = serviceOn(racing).confirm(new ConfirmPayment.Command(payment.bankPaymentId(), AMOUNT));

            assertThat(result.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(stored(payment).version()).isEqualTo(1);
            verify(events, times(1)).publish(any());
        }

        @Test
        void manyConcurrentConfirmationsEndInOnePaidPaymentAndOneEvent() throws Exception {
            Payment payment = aPendingPayment();

            List<Payment> results = race(Collections.nCopies(32, () -> confirm(payment, AMOUNT)));

            assertThat(results).extracting(Payment::status).containsOnly(PaymentStatus.PAID);
            assertThat(stored(payment).version()).isEqualTo(1);
            verify(events, times(1)).publish(any());
        }

        @Test
        void aFailingPublisherDoesNotUndoOrHideTheStoredConfirmation() {
            doThrow(new IllegalStateException("subscriber registry down")).when(events).publish(any());
            Payment payment = aPendingPayment();

            Payment paid = confirm(payment, AMOUNT);

            assertThat(stored(payment)).isEqualTo(paid);
        }
    }

    @Test
    void findsWhichOfTheWatchedPaymentsHaveEnded() {
        Payment paid = confirm(aPendingPayment(), AMOUNT);
        Payment cancelled = service.cancel(aPendingPayment().id());
        Payment pending = aPendingPayment();

        assertThat(service.finalAmong(List.of(paid.id(), cancelled.id(), pending.id())))
                .containsExactlyInAnyOrder(paid, cancelled);
        assertThat(service.finalAmong(List.of())).isEmpty();
    }

    @Nested
    class Cancelling {

        @Test
        void aPendingPaymentIsCancelledAndItsWatchersToldOnce() {
            Payment payment = aPendingPayment();

            Payment cancelled = service.cancel(payment.id());
            service.cancel(payment.id());

            assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
            verify(events, times(1)).publish(PaymentEvent.of(cancelled));
        }

        @Test
        void aPaidPaymentCannotBeCancelled() {
            Payment payment = aPendingPayment();
            Payment paid = confirm(payment, AMOUNT);

            assertThatThrownBy(() -> service.cancel(payment.id())).isInstanceOf(PaymentAlreadyPaidException.class);
            assertThat(stored(payment)).isEqualTo(paid);
        }

        @Test
        void anUnknownPaymentIsNotFound() {
            assertThatThrownBy(() -> service.cancel(PaymentId.generate(Instant.EPOCH, new SecureRandom())))
                    .isInstanceOf(PaymentNotFoundException.class);
        }
    }

    @Nested
    class Expiring {

        @Test
        void expiresExactlyTheDuePendingPaymentsWithOneEventEach() {
            Payment due = aPendingPayment();
            Payment paid = aPendingPayment();
            confirm(paid, AMOUNT);
            clock.advance(Duration.ofMinutes(10));
            Payment notYetDue = aPendingPayment();
            clock.set(due.expiresAt());

            assertThat(service.expireDue()).isEqualTo(1);

            assertThat(stored(due).status()).isEqualTo(PaymentStatus.EXPIRED);
            assertThat(stored(paid).status()).isEqualTo(PaymentStatus.PAID);
            assertThat(stored(notYetDue).status()).isEqualTo(PaymentStatus.PENDING);
            ArgumentCaptor<PaymentEvent> published = ArgumentCaptor.forClass(PaymentEvent.class);
            verify(events, times(2)).publish(published.capture());
            assertThat(published.getAllValues()).extracting(PaymentEvent::type)
                    .containsExactly(PaymentEvent.Type.CONFIRMED, PaymentEvent.Type.EXPIRED);
        }

        @Test
        void aBacklogLargerThanOneBatchIsClearedInOneRun() {
            for (int i = 0; i < 250; i++) {
                aPendingPayment();
            }
            clock.advance(Duration.ofHours(1));

            assertThat(service.expireDue()).isEqualTo(250);
            assertThat(service.expireDue()).isZero();
            verify(events, times(250)).publish(any());
        }

        @Test
        void aConfirmationRacingTheSweeperEndsInExactlyOneFinalStateAndOneEvent() throws Exception {
            for (int round = 0; round < 50; round++) {
                Payment payment = aPendingPayment();
                // The sweeper already sees the payment as due; the confirmation decides by the same clock.
                clock.set(payment.expiresAt().minusNanos(1000));
                Callable<Object> confirmation = () -> {
                    try {
                        return confirm(payment, AMOUNT);
                    } catch (PaymentExpiredException e) {
                        return e;
                    }
                };
                Callable<Object> sweep = () -> {
                    clock.set(payment.expiresAt());
                    return service.expireDue();
                };
                List<Object> outcomes = race(List.of(confirmation, sweep));
                PaymentStatus finalStatus = stored(payment).status();
                assertThat(finalStatus).isIn(PaymentStatus.PAID, PaymentStatus.EXPIRED);
                assertThat(stored(payment).version()).isEqualTo(1);
                assertThat(outcomes.get(0) instanceof Payment)
                        .as("the confirmation succeeded exactly when the payment ended PAID")
                        .isEqualTo(finalStatus == PaymentStatus.PAID);
                clock.set(T0);
            }
            verify(events, times(50)).publish(any());
        }
    }

    /** Runs every task on its own thread, all released at once, and returns their results in order. */
    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
