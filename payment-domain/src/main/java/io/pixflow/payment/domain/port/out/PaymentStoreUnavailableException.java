package io.pixflow.payment.domain.port.out;

/**
 * The payment store cannot be reached or did not answer in time. Nothing about the request is known to be
 * stored; adapters answer "service unavailable, retry later".
 */
public class PaymentStoreUnavailableException extends RuntimeException {

    public PaymentStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
