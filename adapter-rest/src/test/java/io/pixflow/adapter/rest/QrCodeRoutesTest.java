package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrCodeRoutesTest {

    private final PaymentApp app = new PaymentApp();
    private TestServer server;
    private JsonNode payment;

    @BeforeEach
    void start() {
        server = TestServer.serving(app.restApi().components());
        payment = json(server.postJson("payments/pix", "{\"value\": 1500}")).get("payment");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> getBytes(URI uri) {
        return server.send(HttpRequest.newBuilder(uri).header("Accept", "image/png").GET(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> getRaw(String rawPath) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + rawPath)).GET());
    }

    @Test
    void theDemosQrCodeUrlServesThePngOfThePaymentsBrCodeForever() {
        HttpResponse<byte[]> response = getBytes(URI.create(payment.get("qr_code_url").asText()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValue("public, max-age=31536000, immutable");
        assertThat(response.body()).isEqualTo(PaymentApp.pngOf(payment.get("pix_copy_paste").asText()));
    }

    @Test
    void thePngIsAlsoServedByPaymentId() {
        HttpResponse<byte[]> response =
                getBytes(URI.create(server.base() + "payments/pix/" + payment.get("id").asText() + "/qr.png"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValue("public, max-age=31536000, immutable");
        assertThat(response.body()).isEqualTo(PaymentApp.pngOf(payment.get("pix_copy_paste").asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "qr_code_payment_../../etc/passwd",
        "qr_code_payment_..%2F..%2Fetc%2Fpasswd",
        "%2e%2e",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "qr_code_payment_%2e%2e",
        "qr_code_payment_not-a-uuid",
        "qr_code_payment_",
        "payment_1",
        "qr_code_payment_123E4567-E89B-42D3-A456-426614174000",
        "qr_code_payment_123e4567-e89b-42d3-a456-426614174000.png",
        "qr_code_payment_123e4567-e89b-42d3-a456-426614174000%00"
    })
    void anythingButTheNameOfAKnownPaymentsCodeIsNotFound(String name) {
        HttpResponse<String> response = getRaw("payments/pix/qr_code/" + name);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("root:");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void theCodeOfAnUnknownBankPaymentIdIsNotFound() {
        HttpResponse<String> response = getRaw("payments/pix/qr_code/qr_code_payment_" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("code").asText()).isEqualTo("payment_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x/qr.png", "..%2F..%2Fetc%2Fpasswd/qr.png", "AAAAAAAAAAAAAAAAAAAAAAAAA/qr.png"})
    void thePngOfAMalformedOrUnknownIdIsNotFound(String path) {
        HttpResponse<String> response = getRaw("payments/pix/" + path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
