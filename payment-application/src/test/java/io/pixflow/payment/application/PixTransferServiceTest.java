package io.pixflow.payment.application;

import static io.pixflow.payment.domain.testing.PaymentBuilder.MERCHANT;
import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.PaymentStatus;
import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.TimeToLive;
import io.pixflow.payment.domain.TransferOutcome;
import io.pixflow.payment.domain.port.in.CreatePayment;
import io.pixflow.payment.domain.port.in.ReceivePixTransfers.Receipt;
import io.pixflow.payment.domain.port.out.PaymentEvents;
import io.pixflow.payment.domain.testing.InMemoryPaymentRepository;
import io.pixflow.payment.domain.testing.InMemoryPixTransferLog;
import io.pixflow.payment.domain.testing.TestClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PixTransferServiceTest {

    private final TestClock clock = new TestClock(T0);
    private final InMemoryPaymentRepository repository = new InMemoryPaymentRepository();
    private final InMemoryPixTransferLog log = new InMemoryPixTransferLog();
    private final PaymentEvents events = mock(PaymentEvents.class);
    private final PaymentService payments =
            new PaymentService(repository, events, MERCHANT, TimeToLive.DEFAULT, clock, new SecureRandom());
    private final PixTransferService transfers = new PixTransferService(repository, log, events, clock);

    private Payment aPayment(String amount) {
        return join(payments.create(CreatePayment.Command.of(Money.ofReais(amount))));
    }

    private static PixTransfer transfer(String endToEndId, String txid, String amount) {
        return new PixTransfer(endToEndId, txid, Money.ofReais(amount), T0);
    }

    @Test
    void aBatchConfirmsTheGoodTransferAndReportsTheOthers() {
        Payment good = aPayment("100.00");
        Payment other = aPayment("50.00");

        List<Receipt> receipts = transfers.receive(List.of(
                transfer("E00000000202611291200aaaaaaaaaaa", good.id().value(), "100.00"),
                transfer("E00000000202611291200bbbbbbbbbbb", other.id().value(), "49.99"),
                transfer("E00000000202611291200ccccccccccc", "AAAAAAAAAAAAAAAAAAAAAAAAA", "10.00")));

        assertThat(receipts).extracting(Receipt::outcome).containsExactly(TransferOutcome.CONFIRMED,
                TransferOutcome.AMOUNT_MISMATCH, TransferOutcome.PAYMENT_NOT_FOUND);
        assertThat(receipts).extracting(Receipt::redelivered).containsOnly(false);
        assertThat(repository.findById(good.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PAID);
        assertThat(repository.findById(good.id()).orElseThrow().endToEndId())
                .isEqualTo("E00000000202611291200aaaaaaaaaaa");
        assertThat(repository.findById(other.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        verify(events, times(1)).publish(any(PaymentEvent.class));
    }

    @Test
    void theSameBatchAgainChangesNothingAndReportsWhatHappenedTheFirstTime() {
        Payment good = aPayment("100.00");
        List<PixTransfer> batch = List.of(
                transfer("E00000000202611291200aaaaaaaaaaa", good.id().value(), "100.00"),
                transfer("E00000000202611291200ccccccccccc", null, "10.00"));
        transfers.receive(batch);
        Payment afterFirst = repository.findById(good.id()).orElseThrow();

        List<Receipt> again = transfers.receive(batch);

        assertThat(again).extracting(Receipt::outcome)
                .containsExactly(TransferOutcome.CONFIRMED, TransferOutcome.PAYMENT_NOT_FOUND);
        assertThat(again).extracting(Receipt::redelivered).containsOnly(true);
        assertThat(repository.findById(good.id())).contains(afterFirst);
        verify(events, times(1)).publish(any(PaymentEvent.class));
    }

    @Test
    void aSecondTransferForAPaidPaymentIsReportedForRefund() {
        Payment payment = aPayment("100.00");
        transfers.receive(List.of(transfer("E00000000202611291200aaaaaaaaaaa", payment.id().value(), "100.00")));

        List<Receipt> second = transfers.receive(
                List.of(transfer("E00000000202611291200zzzzzzzzzzz", payment.id().value(), "100.00")));

        assertThat(second).extracting(Receipt::outcome).containsExactly(TransferOutcome.ALREADY_PAID);
        assertThat(log.outcomeOf("E00000000202611291200zzzzzzzzzzz")).contains(TransferOutcome.ALREADY_PAID);
    }

    @Test
    void transfersForExpiredOrCancelledPaymentsAreRecordedAndReported() {
        Payment cancelled = aPayment("10.00");
        payments.cancel(cancelled.id());
        Payment expired = aPayment("20.00");
        clock.advance(Duration.ofHours(1));

        List<Receipt> receipts = transfers.receive(List.of(
                new PixTransfer("E00000000202611291300aaaaaaaaaaa", cancelled.id().value(), Money.ofReais("10.00"),
                        clock.instant()),
                new PixTransfer("E00000000202611291300bbbbbbbbbbb", expired.id().value(), Money.ofReais("20.00"),
                        clock.instant())));

        assertThat(receipts).extracting(Receipt::outcome)
                .containsExactly(TransferOutcome.PAYMENT_CANCELLED, TransferOutcome.PAYMENT_EXPIRED);
        assertThat(log.outcomeOf("E00000000202611291300bbbbbbbbbbb")).contains(TransferOutcome.PAYMENT_EXPIRED);
    }

    @Test
    void theSameTransferDeliveredConcurrentlyPaysOnceAndAgreesOnTheOutcome() throws Exception {
        Payment payment = aPayment("100.00");
        PixTransfer transfer = transfer("E00000000202611291200aaaaaaaaaaa", payment.id().value(), "100.00");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Receipt>>> deliveries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                deliveries.add(pool.submit(() -> {
                    start.await();
                    return transfers.receive(List.of(transfer));
                }));
            }
            start.countDown();
            for (Future<List<Receipt>> delivery : deliveries) {
                assertThat(delivery.get(30, TimeUnit.SECONDS)).extracting(Receipt::outcome)
                        .containsExactly(TransferOutcome.CONFIRMED);
            }
        } finally {
            pool.shutdownNow();
        }
        verify(events, times(1)).publish(any(PaymentEvent.class));
        assertThat(repository.findById(payment.id()).orElseThrow().version()).isEqualTo(1);
    }
}
