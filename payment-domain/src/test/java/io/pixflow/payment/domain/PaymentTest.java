package io.pixflow.payment.domain;

import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.payment.domain.testing.PaymentBuilder;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final Instant EXPIRES = T0.plus(Duration.ofMinutes(30));
    private static final Money AMOUNT = Money.ofReais("1500.00");

    private final Payment pending = aPendingPayment().amount("1500.00").expiringAt(EXPIRES).build();

    @Nested
    class Creating {

        @Test
        void aNewPaymentIsPendingForThirtyMinutesByDefault() {
            Payment payment = Payment.create(PaymentId.generate(Instant.EPOCH, new SecureRandom()), AMOUNT, UUID.randomUUID(),
                    pending.brCode(), null, T0, TimeToLive.DEFAULT);

            assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
            assertThat(payment.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
            assertThat(payment.paidAt()).isNull();
            assertThat(payment.version()).isZero();
        }

        @Test
        void aPaymentMayAskForOneMinuteToSevenDays() {
            assertThat(TimeToLive.ofSeconds(60).duration()).isEqualTo(Duration.ofMinutes(1));
            assertThat(TimeToLive.ofSeconds(604_800).duration()).isEqualTo(Duration.ofDays(7));
            assertThatThrownBy(() -> TimeToLive.ofSeconds(59)).isInstanceOf(InvalidValueException.class)
                    .hasMessage("expires_in must be between 60 and 604800 seconds");
            assertThatThrownBy(() -> TimeToLive.ofSeconds(604_801)).isInstanceOf(InvalidValueException.class);
        }

        @Test
        void aStoredPaymentMustBePaidExactlyWhenItHasAPaymentTime() {
            assertThatThrownBy(() -> aPendingPayment().paidAt(T0).build())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> aPendingPayment().status(PaymentStatus.PAID).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class WhenPending {

        @Test
        void theExactAmountBeforeExpiryPaysIt() {
            Payment paid = pending.confirm(AMOUNT, EXPIRES.minusMillis(1));

            assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(paid.paidAt()).isEqualTo(EXPIRES.minusMillis(1));
            assertThat(paid.version()).isEqualTo(pending.version() + 1);
            assertThat(pending.status()).as("the original is unchanged").isEqualTo(PaymentStatus.PENDING);
        }

        @Test
        void aDifferentAmountIsRefusedEvenByOneCentavo() {
            assertThatThrownBy(() -> pending.confirm(Money.ofReais("1499.99"), T0))
                    .isInstanceOf(AmountMismatchException.class)
                    .hasMessageContaining("1500.00").hasMessageContaining("1499.99");
            assertThatThrownBy(() -> pending.confirm(Money.ofReais("1500.01"), T0))
                    .isInstanceOf(AmountMismatchException.class);
        }

        @Test
        void confirmingAtOrAfterExpiryIsRejectedEvenBeforeTheSweeperRuns() {
            assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);

            assertThatThrownBy(() -> pending.confirm(AMOUNT, EXPIRES)).isInstanceOf(PaymentExpiredException.class);
            assertThatThrownBy(() -> pending.confirm(AMOUNT, EXPIRES.plusSeconds(1)))
                    .isInstanceOf(PaymentExpiredException.class);
        }

        @Test
        void readsAsExpiredOnceItsTimeRunsOut() {
            assertThat(pending.statusAt(EXPIRES.minusNanos(1000))).isEqualTo(PaymentStatus.PENDING);
            assertThat(pending.statusAt(EXPIRES)).isEqualTo(PaymentStatus.EXPIRED);
        }

        @Test
        void theSweeperExpiresItOnlyWhenDue() {
            assertThat(pending.expire(EXPIRES.minusSeconds(1))).isSameAs(pending);

            Payment expired = pending.expire(EXPIRES);
            assertThat(expired.status()).isEqualTo(PaymentStatus.EXPIRED);
            assertThat(expired.version()).isEqualTo(1);
        }

        @Test
        void canBeCancelledBeforeExpiry() {
            Payment cancelled = pending.cancel(T0);

            assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
            assertThatThrownBy(() -> pending.cancel(EXPIRES)).isInstanceOf(PaymentExpiredException.class);
        }
    }

    @Nested
    class WhenPaid {

        private final Payment paid = pending.confirm(AMOUNT, T0.plusSeconds(10));

        @Test
        void aRepeatedConfirmationOfTheSameAmountChangesNothing() {
            assertThat(paid.confirm(AMOUNT, T0.plusSeconds(20))).isSameAs(paid);
            assertThat(paid.confirm(AMOUNT, EXPIRES.plusSeconds(60))).as("even after expiry").isSameAs(paid);
        }

        @Test
        void aRepeatedConfirmationOfAnotherAmountIsAMismatch() {
            assertThatThrownBy(() -> paid.confirm(Money.ofReais("1.00"), T0.plusSeconds(20)))
                    .isInstanceOf(AmountMismatchException.class);
        }

        @Test
        void itNeverExpiresAndCannotBeCancelled() {
            assertThat(paid.expire(EXPIRES.plusSeconds(1))).isSameAs(paid);
            assertThat(paid.statusAt(EXPIRES.plusSeconds(1))).isEqualTo(PaymentStatus.PAID);
            assertThatThrownBy(() -> paid.cancel(T0.plusSeconds(20))).isInstanceOf(PaymentAlreadyPaidException.class);
        }
    }

    @Nested
    class WhenCancelled {

        private final Payment cancelled = pending.cancel(T0.plusSeconds(10));

        @Test
        void aConfirmationIsAConflict() {
            assertThatThrownBy(() -> cancelled.confirm(AMOUNT, T0.plusSeconds(20)))
                    .isInstanceOf(PaymentCancelledException.class);
        }

        @Test
        void cancellingAgainChangesNothing() {
            assertThat(cancelled.cancel(T0.plusSeconds(20))).isSameAs(cancelled);
        }

        @Test
        void itNeverExpires() {
            assertThat(cancelled.expire(EXPIRES)).isSameAs(cancelled);
            assertThat(cancelled.statusAt(EXPIRES)).isEqualTo(PaymentStatus.CANCELLED);
        }
    }

    @Nested
    class WhenExpired {

        private final Payment expired = pending.expire(EXPIRES);

        @Test
        void aConfirmationIsRefusedAsExpired() {
            assertThatThrownBy(() -> expired.confirm(AMOUNT, EXPIRES.plusSeconds(1)))
                    .isInstanceOf(PaymentExpiredException.class);
        }

        @Test
        void itCannotBeCancelled() {
            assertThatThrownBy(() -> expired.cancel(EXPIRES.plusSeconds(1))).isInstanceOf(PaymentExpiredException.class);
        }
    }

    @Nested
    class PaidByAPixTransfer {

        private static final String E2E = "E12345678202611291200abcdefghijk";

        private PixTransfer transfer(String endToEndId, String amount, Instant settledAt) {
            return new PixTransfer(endToEndId, pending.id().value(), Money.ofReais(amount), settledAt);
        }

        @Test
        void theExactAmountPaysItAndNamesTheTransfer() {
            Payment paid = pending.confirm(transfer(E2E, "1500.00", T0.plusSeconds(5)), T0.plusSeconds(6));

            assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(paid.endToEndId()).isEqualTo(E2E);
            assertThat(paid.paidAt()).as("when the bank settled it").isEqualTo(T0.plusSeconds(5));
        }

        @Test
        void theSameTransferAgainChangesNothing() {
            Payment paid = pending.confirm(transfer(E2E, "1500.00", T0), T0);

            assertThat(paid.confirm(transfer(E2E, "1500.00", T0), T0.plusSeconds(60))).isSameAs(paid);
        }

        @Test
        void aSecondTransferForAPaidPaymentMeansThePayerPaidTwice() {
            Payment paid = pending.confirm(transfer(E2E, "1500.00", T0), T0);

            assertThatThrownBy(() -> paid.confirm(transfer("E12345678202611291201zzzzzzzzzzz", "1500.00", T0), T0))
                    .isInstanceOf(PaymentAlreadyPaidException.class);
        }

        @Test
        void aTransferSettledBeforeExpiryPaysEvenIfItsNoticeArrivesAfter() {
            Payment paid = pending.confirm(transfer(E2E, "1500.00", EXPIRES.minusSeconds(1)), EXPIRES.plusSeconds(30));

            assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(paid.paidAt()).isEqualTo(EXPIRES.minusSeconds(1));
        }

        @Test
        void aTransferSettledAfterExpiryIsRefused() {
            assertThatThrownBy(() -> pending.confirm(transfer(E2E, "1500.00", EXPIRES), EXPIRES.plusSeconds(1)))
                    .isInstanceOf(PaymentExpiredException.class);
        }

        @Test
        void aSettlementTimeInTheFutureCountsAsNow() {
            Payment paid = pending.confirm(transfer(E2E, "1500.00", T0.plusSeconds(3600)), T0.plusSeconds(10));

            assertThat(paid.paidAt()).isEqualTo(T0.plusSeconds(10));
        }

        @Test
        void aWrongAmountIsAMismatch() {
            assertThatThrownBy(() -> pending.confirm(transfer(E2E, "15.00", T0), T0))
                    .isInstanceOf(AmountMismatchException.class);
        }

        @Test
        void anEndToEndIdHas32LettersOrDigits() {
            assertThatThrownBy(() -> transfer("E123", "1.00", T0)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> transfer("E12345678202611291200abcdefghij-", "1.00", T0))
                    .isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void eachFinalStateHasItsEvent() {
        assertThat(PaymentEvent.of(pending.confirm(AMOUNT, T0)).type()).isEqualTo(PaymentEvent.Type.CONFIRMED);
        assertThat(PaymentEvent.of(pending.cancel(T0)).type()).isEqualTo(PaymentEvent.Type.CANCELLED);
        assertThat(PaymentEvent.of(pending.expire(EXPIRES)).type()).isEqualTo(PaymentEvent.Type.EXPIRED);
        assertThatThrownBy(() -> PaymentEvent.of(pending)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesAreKeptToTheMicrosecondLikeTheDatabase() {
        Payment payment = PaymentBuilder.aPendingPayment().createdAt(Instant.parse("2026-11-29T12:00:00.123456789Z"))
                .build();

        assertThat(payment.createdAt()).isEqualTo(Instant.parse("2026-11-29T12:00:00.123456Z"));
    }
}
