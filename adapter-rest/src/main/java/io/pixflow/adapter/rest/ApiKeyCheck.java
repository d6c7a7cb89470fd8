package io.pixflow.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * Live mode's guard on creating and cancelling: {@code Authorization: Bearer <key>} with one of the merchants' API
 * keys. Reading stays open: a payment's unguessable id is what lets its payer see it.
 */
@MerchantOnly
@Priority(Priorities.AUTHENTICATION)
final class ApiKeyCheck implements ContainerRequestFilter {

    private static final String CODE = "invalid_api_key";
    private static final String BEARER = "bearer ";
    // RFC 6750 §3: no error code when no credentials were sent, invalid_token when they were wrong.
    private static final String CHALLENGE = "Bearer realm=\"pixflow\"";
    private static final String WRONG_KEY_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

    // Digests, so that keys of any length compare in the same time and the keys are not kept in the clear.
    private final List<byte[]> keyDigests;

    ApiKeyCheck(List<String> apiKeys) {
        this.keyDigests = apiKeys.stream().map(ApiKeyCheck::digest).toList();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw new UnauthenticatedException(CODE,
                    "creating and cancelling payments needs an API key: send Authorization: Bearer <key>", CHALLENGE);
        }
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new UnauthenticatedException(CODE, "Authorization must be Bearer <key>", CHALLENGE);
        }
        byte[] given = digest(authorization.substring(BEARER.length()).strip());
        boolean known = false;
        for (byte[] key : keyDigests) {
            known |= MessageDigest.isEqual(key, given);
        }
        if (!known) {
            throw new UnauthenticatedException(CODE, "the API key is not valid", WRONG_KEY_CHALLENGE);
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
