package io.pixflow.payment.application;

import io.pixflow.payment.domain.AmountMismatchException;
import io.pixflow.payment.domain.PaymentAlreadyPaidException;
import io.pixflow.payment.domain.PaymentCancelledException;
import io.pixflow.payment.domain.PaymentExpiredException;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentNotFoundException;
import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.TransferOutcome;
import io.pixflow.payment.domain.port.in.ReceivePixTransfers;
import io.pixflow.payment.domain.port.out.PaymentEvents;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.port.out.PixTransferLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bank's PIX callbacks: each transfer pays the payment named by its txid if it can, and is recorded with its
 * outcome exactly once. A redelivered transfer changes nothing and reports what happened the first time.
 */
public final class PixTransferService implements ReceivePixTransfers {

    private final PaymentRepository payments;
    private final PixTransferLog log;
    private final PaymentTransitions transitions;
    private final Clock clock;

    public PixTransferService(PaymentRepository payments, PixTransferLog log, PaymentEvents events, Clock clock) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.log = Objects.requireNonNull(log, "log");
        this.transitions = new PaymentTransitions(payments, Objects.requireNonNull(events, "events"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<Receipt> receive(List<PixTransfer> transfers) {
        List<Receipt> receipts = new ArrayList<>(transfers.size());
        for (PixTransfer transfer : transfers) {
            receipts.add(receive(transfer));
        }
        return receipts;
    }

    private Receipt receive(PixTransfer transfer) {
        Optional<TransferOutcome> earlier = log.outcomeOf(transfer.endToEndId());
        if (earlier.isPresent()) {
            return new Receipt(transfer.endToEndId(), transfer.txid(), earlier.get(), true);
        }
        TransferOutcome outcome = settle(transfer);
        if (log.record(transfer, outcome, clock.instant())) {
            return new Receipt(transfer.endToEndId(), transfer.txid(), outcome, false);
        }
        // The same transfer, delivered twice at once, was recorded by the other delivery first. Both settled the
        // payment through the same compare-and-set, so the outcomes agree.
        return new Receipt(transfer.endToEndId(), transfer.txid(),
                log.outcomeOf(transfer.endToEndId()).orElse(outcome), true);
    }

    private TransferOutcome settle(PixTransfer transfer) {
        if (!PaymentId.isWellFormed(transfer.txid())) {
            return TransferOutcome.PAYMENT_NOT_FOUND;
        }
        PaymentId id = new PaymentId(transfer.txid());
        try {
            transitions.apply(() -> payments.findById(id).orElseThrow(() -> PaymentNotFoundException.forId(id)),
                    payment -> payment.confirm(transfer, clock.instant()));
            return TransferOutcome.CONFIRMED;
        } catch (PaymentNotFoundException e) {
            return TransferOutcome.PAYMENT_NOT_FOUND;
        } catch (PaymentAlreadyPaidException e) {
            return TransferOutcome.ALREADY_PAID;
        } catch (AmountMismatchException e) {
            return TransferOutcome.AMOUNT_MISMATCH;
        } catch (PaymentExpiredException e) {
            return TransferOutcome.PAYMENT_EXPIRED;
        } catch (PaymentCancelledException e) {
            return TransferOutcome.PAYMENT_CANCELLED;
        }
    }
}
