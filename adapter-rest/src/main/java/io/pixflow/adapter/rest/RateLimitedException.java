package io.pixflow.adapter.rest;

/** A client that spent its creation allowance; answered with 429 and {@code Retry-After}. */
final class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds) {
        super("too many payments created from this address; retry in " + retryAfterSeconds + " s", null, false,
                false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
