package io.pixflow.payment.domain;

/**
 * Every way a payment request can be refused. Adapters map each subtype to their protocol once
 * (an HTTP status, a WebSocket close code, an error page); the messages are safe to show to a client.
 */
public abstract sealed class PaymentException extends RuntimeException
        permits InvalidValueException,
                InvalidBrCodeException,
                PaymentNotFoundException,
                AmountMismatchException,
                PaymentExpiredException,
                PaymentCancelledException,
                PaymentAlreadyPaidException,
                IdempotencyKeyReusedException {

    protected PaymentException(String message) {
        super(message, null, false, false);
    }
}
