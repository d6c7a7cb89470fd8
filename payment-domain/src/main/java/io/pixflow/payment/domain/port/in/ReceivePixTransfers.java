package io.pixflow.payment.domain.port.in;

import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.TransferOutcome;
import java.util.List;

/**
 * Takes the bank's word that PIX transfers arrived (the API Pix callback): each one confirms the payment whose id
 * is its txid, if it can. Every transfer is recorded with its outcome exactly once, whatever the outcome, so a
 * redelivered batch changes nothing and reports what happened the first time.
 */
public interface ReceivePixTransfers {

    /** One receipt per transfer, in the order given. A transfer that cannot pay its payment is no error. */
    List<Receipt> receive(List<PixTransfer> transfers);

    /**
     * @param redelivered the transfer had been received before; {@code outcome} is what happened then
     */
    record Receipt(String endToEndId, String txid, TransferOutcome outcome, boolean redelivered) {
    }
}
