package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.payment.domain.pix.PixKeyType;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void withNothingSetItIsASandboxOnLoopbackPort8080WithTheEmbeddedDatabase() {
        Settings settings = Settings.fromEnvironment(Map.of());

        assertThat(settings.sandbox()).isTrue();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.databaseUrl()).isEqualTo("jdbc:h2:file:./data/pixflow");
        assertThat(settings.merchant().key().type()).isEqualTo(PixKeyType.RANDOM);
        assertThat(settings.merchant().name()).isEqualTo("PIXFLOW SANDBOX");
        assertThat(settings.paymentTtl().duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.publicUrl()).isNull();
        assertThat(settings.creationLimit()).isEqualTo(Settings.CreationLimit.DEFAULT);
        assertThat(settings.requestBodyTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWebhookSecretSelectsLiveModeOnAllInterfaces() {
        Settings settings = Settings.fromEnvironment(env("PIXFLOW_WEBHOOK_SECRET", "s3cret, old-secret",
                "PIXFLOW_API_KEYS", "key-1,key-2", "PIXFLOW_PIX_KEY", "529.982.247-25",
                "PIXFLOW_MERCHANT_NAME", "Padaria São João", "PIXFLOW_PUBLIC_URL", "https://pay.example.com",
                "PIXFLOW_CREATE_RATE_LIMIT", "2/20", "PIXFLOW_TRUST_FORWARDED_FOR", "true",
                "PIXFLOW_REQUEST_BODY_TIMEOUT", "PT2M"));

        assertThat(settings.sandbox()).isFalse();
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.webhookSecrets()).containsExactly("s3cret", "old-secret");
        assertThat(settings.apiKeys()).containsExactly("key-1", "key-2");
        assertThat(settings.merchant().key().value()).isEqualTo("52998224725");
        assertThat(settings.merchant().name()).isEqualTo("PADARIA SAO JOAO");
        assertThat(settings.publicUrl()).isEqualTo(URI.create("https://pay.example.com/"));
        assertThat(settings.creationLimit()).isEqualTo(new Settings.CreationLimit(2, 20));
        assertThat(settings.trustForwardedFor()).isTrue();
        assertThat(settings.requestBodyTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PIXFLOW_PORT | 80a | PIXFLOW_PORT must be a number from 0 to 65535, not '80a'",
            "PIXFLOW_PORT | 70000 | PIXFLOW_PORT must be a number from 0 to 65535, not '70000'",
            "PIXFLOW_PIX_KEY | 529.982.247-24 | PIXFLOW_PIX_KEY is not a valid CPF: its check digits do not match",
            "PIXFLOW_PAYMENT_TTL | 30m | PIXFLOW_PAYMENT_TTL must be an ISO-8601 duration such as PT30M, not '30m'",
            "PIXFLOW_PAYMENT_TTL | PT10S | PIXFLOW_PAYMENT_TTL must be between PT1M and P7D, not 'PT10S'",
            "PIXFLOW_PUBLIC_URL | pay.example.com | PIXFLOW_PUBLIC_URL must be an absolute http(s) URL such as"
                    + " https://pay.example.com/, not 'pay.example.com'",
            "PIXFLOW_CREATE_RATE_LIMIT | fast | PIXFLOW_CREATE_RATE_LIMIT must be '<per second>' or"
                    + " '<per second>/<burst>', e.g. 10/50, not 'fast'",
            "PIXFLOW_TRUST_FORWARDED_FOR | maybe | PIXFLOW_TRUST_FORWARDED_FOR must be true or false, not 'maybe'",
            "PIXFLOW_REQUEST_BODY_TIMEOUT | 30 | PIXFLOW_REQUEST_BODY_TIMEOUT must be an ISO-8601 duration such as"
                    + " PT30S, not '30'",
            "PIXFLOW_REQUEST_BODY_TIMEOUT | PT0.5S | PIXFLOW_REQUEST_BODY_TIMEOUT must be between PT1S and PT10M,"
                    + " not 'PT0.5S'",
            "PIXFLOW_REQUEST_BODY_TIMEOUT | PT11M | PIXFLOW_REQUEST_BODY_TIMEOUT must be between PT1S and PT10M,"
                    + " not 'PT11M'",
    })
    void aBadValueStopsTheStartWithOneLineNamingTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> Settings.fromEnvironment(env(variable, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(message);
    }

    @Test
    void liveModeNeedsMerchantKeysAndARealPixKey() {
        assertThatThrownBy(() -> Settings.fromEnvironment(env("PIXFLOW_WEBHOOK_SECRET", "s3cret",
                "PIXFLOW_PIX_KEY", "529.982.247-25")))
                .hasMessageStartingWith("PIXFLOW_API_KEYS is required in live mode");
        assertThatThrownBy(() -> Settings.fromEnvironment(env("PIXFLOW_WEBHOOK_SECRET", "s3cret",
                "PIXFLOW_API_KEYS", "k")))
                .hasMessage("PIXFLOW_PIX_KEY is required in live mode");
    }

    @Test
    void secretsAndPasswordsNeverShowInItsDescription() {
        Settings settings = Settings.fromEnvironment(env("PIXFLOW_WEBHOOK_SECRET", "webhook-secret-value",
                "PIXFLOW_API_KEYS", "api-key-value", "PIXFLOW_PIX_KEY", "fulano@example.com",
                "PIXFLOW_DB_URL", "jdbc:postgresql://db/pixflow?user=pix&password=url-password",
                "PIXFLOW_DB_PASSWORD", "env-password"));

        assertThat(settings.toString()).doesNotContain("webhook-secret-value", "api-key-value", "url-password",
                "env-password").contains("mode=live");
    }
}
