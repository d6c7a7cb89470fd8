package io.pixflow.bootstrap;

import io.pixflow.payment.domain.TimeToLive;
import io.pixflow.payment.domain.pix.Merchant;
import io.pixflow.payment.domain.pix.PixKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Sandbox settings for a server on a free port, with its H2 database in {@code dataDirectory} or elsewhere. */
final class TestServers {

    static final Merchant MERCHANT =
            new Merchant(PixKey.parse("123e4567-e12b-12d1-a456-426655440000"), "PixFlow Test Shop", "Sao Paulo");

    /** More than any test creates, so that the creation allowance decides no test but its own. */
    private static final Settings.CreationLimit GENEROUS_CREATION_LIMIT = new Settings.CreationLimit(1_000, 1_000);

    private TestServers() {
    }

    static Settings sandbox(Path dataDirectory) {
        return sandbox(dataDirectory, GENEROUS_CREATION_LIMIT, false);
    }

    /** Sandbox settings with their own creation allowance, and trusting X-Forwarded-For or not. */
    static Settings sandbox(Path dataDirectory, Settings.CreationLimit creationLimit, boolean trustForwardedFor) {
        return on("jdbc:h2:file:" + dataDirectory.resolve("pixflow").toAbsolutePath(), creationLimit,
                trustForwardedFor);
    }

    /** Sandbox settings on the database at {@code jdbcUrl} (PostgreSQL's superuser for a test PostgreSQL). */
    static Settings on(String jdbcUrl) {
        return on(jdbcUrl, GENEROUS_CREATION_LIMIT, false);
    }

    private static Settings on(String jdbcUrl, Settings.CreationLimit creationLimit, boolean trustForwardedFor) {
        String user = jdbcUrl.startsWith("jdbc:postgresql:") ? "postgres" : "";
        return new Settings("127.0.0.1", 0, jdbcUrl, user, "", MERCHANT, TimeToLive.DEFAULT, List.of(), List.of(),
                Set.of(), null, creationLimit, trustForwardedFor, Settings.DEFAULT_REQUEST_BODY_TIMEOUT);
    }

    /** The same settings, but a request's body must arrive within {@code timeout} of its head. */
    static Settings withRequestBodyTimeout(Settings settings, Duration timeout) {
        return new Settings(settings.host(), settings.port(), settings.databaseUrl(), settings.databaseUser(),
                settings.databasePassword(), settings.merchant(), settings.paymentTtl(), settings.webhookSecrets(),
                settings.apiKeys(), settings.allowedOrigins(), settings.publicUrl(), settings.creationLimit(),
                settings.trustForwardedFor(), timeout);
    }
}
