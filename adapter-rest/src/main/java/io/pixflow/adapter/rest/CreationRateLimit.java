package io.pixflow.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Limits how fast one client address creates payments, each of which is a row in the database. It runs before the
 * API key check, so guessing keys is throttled too. The address is the request property
 * {@link RestApi#CLIENT_ADDRESS_PROPERTY}, set by the server (this adapter does not know which one); without it
 * every client shares one bucket.
 */
@RateLimited
@Priority(Priorities.AUTHENTICATION - 100)
final class CreationRateLimit implements ContainerRequestFilter {

    static final String UNKNOWN_CLIENT = "unknown";

    private final TokenBuckets buckets;

    CreationRateLimit(TokenBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Object address = request.getProperty(RestApi.CLIENT_ADDRESS_PROPERTY);
        long retryAfter = buckets.take(address == null ? UNKNOWN_CLIENT : address.toString());
        if (retryAfter > 0) {
            throw new RateLimitedException(retryAfter);
        }
    }
}
