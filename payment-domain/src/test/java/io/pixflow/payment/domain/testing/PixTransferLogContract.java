package io.pixflow.payment.domain.testing;

import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.TransferOutcome;
import io.pixflow.payment.domain.port.out.PixTransferLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PixTransferLog} must do; an implementation's test extends it with a fresh, empty log. */
public abstract class PixTransferLogContract {

    protected PixTransferLog log;

    protected abstract PixTransferLog newLog();

    @BeforeEach
    void freshLog() {
        log = newLog();
    }

    static PixTransfer transfer(String endToEndId, String txid) {
        return new PixTransfer(endToEndId, txid, Money.ofReais("10.00"), T0);
    }

    @Test
    void aRecordedTransferReadsBackWithItsOutcome() {
        boolean recorded = log.record(transfer("E00000000202611291200aaaaaaaaaaa", "Ab3dE5fG7hJ9kLmN0pQrStUvW"),
                TransferOutcome.AMOUNT_MISMATCH, T0);

        assertThat(recorded).isTrue();
        assertThat(log.outcomeOf("E00000000202611291200aaaaaaaaaaa")).contains(TransferOutcome.AMOUNT_MISMATCH);
    }

    @Test
    void aTransferIsRecordedOnceAndKeepsItsFirstOutcome() {
        log.record(transfer("E00000000202611291200bbbbbbbbbbb", "Ab3dE5fG7hJ9kLmN0pQrStUvW"),
                TransferOutcome.CONFIRMED, T0);

        boolean again = log.record(transfer("E00000000202611291200bbbbbbbbbbb", "Ab3dE5fG7hJ9kLmN0pQrStUvW"),
                TransferOutcome.ALREADY_PAID, T0.plusSeconds(1));

        assertThat(again).isFalse();
        assertThat(log.outcomeOf("E00000000202611291200bbbbbbbbbbb")).contains(TransferOutcome.CONFIRMED);
    }

    @Test
    void transfersWithoutAKnownTxidAreRecordedToo() {
        assertThat(log.record(transfer("E00000000202611291200ccccccccccc", null), TransferOutcome.PAYMENT_NOT_FOUND,
                T0)).isTrue();
        assertThat(log.record(transfer("E00000000202611291200ddddddddddd", "some-other-systems-txid-that-is-long"),
                TransferOutcome.PAYMENT_NOT_FOUND, T0)).isTrue();

        assertThat(log.outcomeOf("E00000000202611291200ccccccccccc")).contains(TransferOutcome.PAYMENT_NOT_FOUND);
    }

    @Test
    void anUnknownTransferHasNoOutcome() {
        assertThat(log.outcomeOf("E99999999202611291200zzzzzzzzzzz")).isEmpty();
    }
}
