package io.pixflow.adapter.rest;

import java.util.List;
import java.util.Objects;

/**
 * Who may call what. With no webhook secret the API runs in <em>sandbox</em> mode (DESIGN §7): bank notifications
 * need no signature and anyone may create and cancel payments, so the demo's curl flow works. With at least one
 * secret it runs in <em>live</em> mode: {@code POST /payments/pix/confirmation} and {@code POST /webhooks/pix}
 * need an {@code X-Pixflow-Signature} made with one of the secrets, and creating or cancelling a payment needs
 * {@code Authorization: Bearer <one of the API keys>}. The creation rate limit applies in both modes.
 *
 * @param webhookSecrets HMAC keys the bank signs with; several while one is being rotated out
 * @param apiKeys        the merchants' keys for creating and cancelling; required in live mode, unused in sandbox
 * @param creationRateLimit per client address, on {@code POST /payments/pix}
 */
public record RestSecurity(List<String> webhookSecrets, List<String> apiKeys, RateLimit creationRateLimit) {

    public RestSecurity {
        webhookSecrets = List.copyOf(webhookSecrets);
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(creationRateLimit, "creationRateLimit");
        if (webhookSecrets.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a webhook secret must not be blank");
        }
        if (apiKeys.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        // Live mode without keys would lock every merchant out of creating payments: refuse it at start instead.
        if (!webhookSecrets.isEmpty() && apiKeys.isEmpty()) {
            throw new IllegalArgumentException("live mode (a webhook secret is set) needs at least one API key");
        }
    }

    /** No signatures, no API keys, the default rate limit. */
    public static RestSecurity sandbox() {
        return new RestSecurity(List.of(), List.of(), RateLimit.DEFAULT);
    }

    /** Signed bank notifications and API keys, with the default rate limit. */
    public static RestSecurity live(List<String> webhookSecrets, List<String> apiKeys) {
        if (webhookSecrets.isEmpty()) {
            throw new IllegalArgumentException("live mode needs at least one webhook secret");
        }
        return new RestSecurity(webhookSecrets, apiKeys, RateLimit.DEFAULT);
    }

    public RestSecurity withCreationRateLimit(RateLimit limit) {
        return new RestSecurity(webhookSecrets, apiKeys, limit);
    }

    /** Live when at least one webhook secret is set. */
    public boolean isLive() {
        return !webhookSecrets.isEmpty();
    }

    /** Counts, never the secrets themselves: settings get logged. */
    @Override
    public String toString() {
        return "RestSecurity[" + (isLive() ? "live" : "sandbox") + ", webhookSecrets=" + webhookSecrets.size()
                + ", apiKeys=" + apiKeys.size() + ", creationRateLimit=" + creationRateLimit + "]";
    }
}
