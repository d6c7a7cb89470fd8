package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every answer of the API tells browsers not to sniff types nor leak the page URL, and caches not to keep it. */
class SecurityHeadersTest {

    private final PaymentApp app = new PaymentApp();
    private final TestServer server = TestServer.serving(app.restApi().components());

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertHardened(HttpHeaders headers, String cacheControl) {
        assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.allValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(headers.allValues("Cache-Control")).containsExactly(cacheControl);
    }

    @Test
    void onThePaymentResource() {
        HttpResponse<String> created = server.postJson("payments/pix", "{\"value\": 1500}");
        JsonNode payment = json(created).get("payment");

        assertHardened(created.headers(), "no-store");
        assertHardened(server.get("payments/pix/" + payment.get("id").asText()).headers(), "no-store");
        assertHardened(server.delete("payments/pix/" + payment.get("id").asText()).headers(), "no-store");
    }

    @Test
    void onProblemsIncludingThoseForUrlsTheApiDoesNotHave() {
        assertHardened(server.get("payments/pix/" + "A".repeat(25)).headers(), "no-store");
        assertHardened(server.postJson("payments/pix", "{").headers(), "no-store");
        assertHardened(server.get("nothing/here").headers(), "no-store");
    }

    @Test
    void onTheWebhookAndHealth() {
        assertHardened(server.postJson("webhooks/pix", "{\"pix\": [{}]}").headers(), "no-store");
        assertHardened(server.get("health").headers(), "no-store");
    }

    @Test
    void theQrCodeImagesKeepTheirLongCache() {
        JsonNode payment = json(server.postJson("payments/pix", "{\"value\": 1500}")).get("payment");

        HttpResponse<byte[]> png = server.send(
                HttpRequest.newBuilder(URI.create(payment.get("qr_code_url").asText())).GET(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(png.statusCode()).isEqualTo(200);
        assertHardened(png.headers(), "public, max-age=31536000, immutable");
    }

    @Test
    void onARefusalInLiveMode() {
        try (LiveMode live = LiveMode.start()) {
            HttpResponse<String> refused = live.post("payments/pix/confirmation", "{}", null);

            assertThat(refused.statusCode()).isEqualTo(401);
            assertHardened(refused.headers(), "no-store");
        }
    }
}
