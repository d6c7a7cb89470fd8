package io.pixflow.payment.domain.port.out;

import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.TransferOutcome;
import java.time.Instant;
import java.util.Optional;

/**
 * Every PIX transfer the bank reported, with what it did: the record that makes redeliveries no-ops, and the
 * list a person works through for refunds (transfers that paid twice, too late, or the wrong amount).
 * Durable when a method returns; {@link PaymentStoreUnavailableException} when the store cannot be reached.
 */
public interface PixTransferLog {

    /**
     * Records {@code transfer} with its outcome.
     *
     * @return {@code false}, recording nothing, when a transfer with that end-to-end id is already recorded
     */
    boolean record(PixTransfer transfer, TransferOutcome outcome, Instant recordedAt);

    /** The outcome recorded for the transfer with this end-to-end id. */
    Optional<TransferOutcome> outcomeOf(String endToEndId);
}
