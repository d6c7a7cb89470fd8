package io.pixflow.adapter.rest;

/**
 * A path segment that cannot name any payment (a malformed id or QR code name). Answered exactly like an unknown
 * payment, so the two cannot be told apart.
 */
final class UnknownPaymentReferenceException extends RuntimeException {

    UnknownPaymentReferenceException() {
        super("no payment with that id", null, false, false);
    }
}
