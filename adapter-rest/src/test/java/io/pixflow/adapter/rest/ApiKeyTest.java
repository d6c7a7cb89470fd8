package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.LiveMode.API_KEY;
import static io.pixflow.adapter.rest.LiveMode.OTHER_API_KEY;
import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Live mode: only a merchant's API key creates or cancels; payers read with the payment's id alone. */
class ApiKeyTest {

    private static HttpRequest.Builder withAuthorization(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    @Nested
    class InLiveMode {

        private final LiveMode live = LiveMode.start();

        @AfterEach
        void stop() {
            live.close();
        }

        private HttpResponse<String> create(String authorization) {
            return live.server.send(withAuthorization(live.server.request("payments/pix"), authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 1500}")));
        }

        private HttpResponse<String> cancel(JsonNode payment, String authorization) {
            return live.server.send(withAuthorization(
                    live.server.request("payments/pix/" + payment.get("id").asText()), authorization).DELETE());
        }

        private void assertRefused(HttpResponse<String> response, String challenge, String detail) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(challenge);
            assertThat(json(response).get("code").asText()).isEqualTo("invalid_api_key");
            assertThat(json(response).get("detail").asText()).contains(detail);
        }

        @Test
        void creatingWithoutAKeyIsRefusedAndCreatesNothing() {
            HttpResponse<String> response = create(null);

            assertRefused(response, "Bearer realm=\"pixflow\"", "Authorization: Bearer");
            // Every pending payment is due at the end of time.
            assertThat(live.app.repository.findDue(Instant.MAX, 10)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bearer pk_live_guess", "Bearer " + API_KEY + "x", "Bearer " + "pk_live_first"})
        void creatingWithAWrongKeyIsRefused(String authorization) {
            assertRefused(create(authorization), "Bearer realm=\"pixflow\", error=\"invalid_token\"",
                    "not valid");
        }

        @Test
        void aKeyUnderAnotherSchemeIsRefused() {
            assertRefused(create("Basic " + API_KEY), "Bearer realm=\"pixflow\"", "Bearer");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bearer " + API_KEY, "Bearer " + OTHER_API_KEY, "bearer  " + API_KEY})
        void anyConfiguredKeyCreates(String authorization) {
            assertThat(create(authorization).statusCode()).isEqualTo(201);
        }

        @Test
        void cancellingNeedsAKeyToo() {
            JsonNode payment = live.createPayment();

            assertRefused(cancel(payment, null), "Bearer realm=\"pixflow\"", "Authorization: Bearer");
            assertRefused(cancel(payment, "Bearer nope"), "Bearer realm=\"pixflow\", error=\"invalid_token\"",
                    "not valid");
            assertThat(live.statusOf(payment)).isEqualTo("PENDING");

            HttpResponse<String> cancelled = cancel(payment, "Bearer " + OTHER_API_KEY);

            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            assertThat(live.statusOf(payment)).isEqualTo("CANCELLED");
        }

        @Test
        void thePayerReadsThePaymentAndItsQrCodeWithoutAKey() {
            JsonNode payment = live.createPayment();

            HttpResponse<String> page = live.server.get("payments/pix/" + payment.get("id").asText());
            HttpResponse<byte[]> png = live.server.send(
                    HttpRequest.newBuilder(URI.create(payment.get("qr_code_url").asText())).GET(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(png.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class InSandboxMode {

        private final PaymentApp app = new PaymentApp();
        private final TestServer server = TestServer.serving(app.restApi().components());

        @AfterEach
        void stop() {
            server.close();
        }

        @Test
        void anyoneCreatesAndCancelsWithoutAKey() {
            HttpResponse<String> created = server.postJson("payments/pix", "{\"value\": 1500}");
            String id = json(created).get("payment").get("id").asText();

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(server.delete("payments/pix/" + id).statusCode()).isEqualTo(200);
        }
    }
}
