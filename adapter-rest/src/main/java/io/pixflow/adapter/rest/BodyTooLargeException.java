package io.pixflow.adapter.rest;

/** A request body over the adapter's limit; answered with 413. */
final class BodyTooLargeException extends RuntimeException {

    BodyTooLargeException(int maxBytes) {
        super("the request body must be at most " + maxBytes + " bytes", null, false, false);
    }
}
