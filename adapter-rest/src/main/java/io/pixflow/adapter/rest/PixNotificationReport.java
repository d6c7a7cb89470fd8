package io.pixflow.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pixflow.payment.domain.TransferOutcome;
import io.pixflow.payment.domain.port.in.ReceivePixTransfers;
import java.util.List;

/**
 * The answer to {@code POST /webhooks/pix}: what became of each transfer, in the order sent. Its field names follow
 * the API Pix callback's camelCase, not the payment resource's snake_case.
 */
record PixNotificationReport(String message, List<TransferReport> received) {

    static final String RECEIVED = "The notifications have been received";

    /**
     * @param outcome     {@code confirmed}, {@code already_paid}, {@code payment_not_found}, {@code amount_mismatch},
     *                    {@code payment_expired}, {@code payment_cancelled}, or {@code invalid} for a transfer that
     *                    could not be read (then {@code detail} says why, and nothing was recorded)
     * @param redelivered the transfer had been received before; {@code outcome} is what happened then
     */
    record TransferReport(String endToEndId, String txid, String outcome, boolean redelivered,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {

        static TransferReport of(ReceivePixTransfers.Receipt receipt) {
            return new TransferReport(receipt.endToEndId(), receipt.txid(), outcome(receipt.outcome()),
                    receipt.redelivered(), null);
        }

        static TransferReport of(PixNotification.Invalid invalid) {
            return new TransferReport(invalid.endToEndId(), invalid.txid(), "invalid", false, invalid.detail());
        }

        // Spelled out rather than derived from the names, so that renaming a constant cannot change the wire.
        private static String outcome(TransferOutcome outcome) {
            return switch (outcome) {
                case CONFIRMED -> "confirmed";
                case ALREADY_PAID -> "already_paid";
                case PAYMENT_NOT_FOUND -> "payment_not_found";
                case AMOUNT_MISMATCH -> "amount_mismatch";
                case PAYMENT_EXPIRED -> "payment_expired";
                case PAYMENT_CANCELLED -> "payment_cancelled";
            };
        }
    }
}
