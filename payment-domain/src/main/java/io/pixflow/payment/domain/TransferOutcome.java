package io.pixflow.payment.domain;

/** What a received PIX transfer did. Everything but CONFIRMED needs a person: the money arrived regardless. */
public enum TransferOutcome {
    /** It paid its payment. */
    CONFIRMED,
    /** Its payment had already been paid by another transfer: the payer paid twice and should be refunded. */
    ALREADY_PAID,
    /** No payment has its txid. */
    PAYMENT_NOT_FOUND,
    /** It is not exactly the payment's amount; the payment stays unpaid. */
    AMOUNT_MISMATCH,
    /** It arrived after the payment expired. */
    PAYMENT_EXPIRED,
    /** It arrived for a payment the merchant had cancelled. */
    PAYMENT_CANCELLED
}
