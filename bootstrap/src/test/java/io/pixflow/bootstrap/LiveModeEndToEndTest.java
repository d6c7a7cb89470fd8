package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.TimeToLive;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole server in live mode: only the bank confirms, only the merchant creates and cancels. */
class LiveModeEndToEndTest {

    private static final String CURRENT_SECRET = "current-webhook-secret";
    private static final String PREVIOUS_SECRET = "previous-webhook-secret";
    private static final String API_KEY = "merchant-api-key";

    @TempDir
    static Path data;

    private static PixFlowServer server;
    private static HttpClient http;
    private static URI base;

    @BeforeAll
    static void start() {
        Settings settings = new Settings("127.0.0.1", 0,
                "jdbc:h2:file:" + data.resolve("pixflow").toAbsolutePath(), "", "", TestServers.MERCHANT,
                TimeToLive.DEFAULT, List.of(CURRENT_SECRET, PREVIOUS_SECRET), List.of(API_KEY), Set.of(), null,
                new Settings.CreationLimit(1_000, 1_000), false, Settings.DEFAULT_REQUEST_BODY_TIMEOUT);
        server = PixFlowServer.start(settings);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        base = URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void creatingNeedsAMerchantKey() throws Exception {
        assertThat(create(null).statusCode()).isEqualTo(401);
        assertThat(create("wrong-key").statusCode()).isEqualTo(401);
        assertThat(create(API_KEY).statusCode()).isEqualTo(201);
    }

    @Test
    void onlyAConfirmationSignedWithACurrentSecretInTheLastFiveMinutesPays() throws Exception {
        JsonNode payment = payment(create(API_KEY));
        String body = "{\"bank_payment_id\": \"" + payment.get("bank_payment_id").asText() + "\", \"value\": 1500}";
        long now = Instant.now().getEpochSecond();

        assertThat(confirm(body, null).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(confirm(body, signature(now, body, "some-other-secret")).statusCode()).as("wrong secret")
                .isEqualTo(401);
        assertThat(confirm(body, signature(now - 301, body, CURRENT_SECRET)).statusCode()).as("stale")
                .isEqualTo(401);
        assertThat(confirm(body.replace("1500", "1500.00"), signature(now, body, CURRENT_SECRET)).statusCode())
                .as("signed for another body").isEqualTo(401);
        assertThat(status(payment)).isEqualTo("PENDING");

        assertThat(confirm(body, signature(now, body, PREVIOUS_SECRET)).statusCode()).as("rotated-out secret, still listed")
                .isEqualTo(200);
        assertThat(confirm(body, signature(now, body, CURRENT_SECRET)).statusCode()).isEqualTo(200);
        assertThat(status(payment)).isEqualTo("PAID");
    }

    @Test
    void aSignedWebhookBatchConfirmsExactlyTheGoodItemAndIsANoOpTheSecondTime() throws Exception {
        JsonNode good = payment(create(API_KEY));
        JsonNode underpaid = payment(create(API_KEY));
        String batch = "{\"pix\": ["
                + item("E00000000202611291200aaaaaaaaaaa", good.get("id").asText(), "1500.00") + ","
                + item("E00000000202611291200bbbbbbbbbbb", underpaid.get("id").asText(), "1499.99") + ","
                + item("E00000000202611291200ccccccccccc", "AAAAAAAAAAAAAAAAAAAAAAAAA", "10.00") + "]}";

        HttpResponse<String> first = webhook(batch);
        HttpResponse<String> again = webhook(batch);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(first.body()).get("received")).extracting(r -> r.get("outcome").asText())
                .containsExactly("confirmed", "amount_mismatch", "payment_not_found");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(again.body()).get("received")).extracting(r -> r.get("redelivered").asBoolean())
                .containsOnly(true);
        assertThat(status(good)).isEqualTo("PAID");
        assertThat(status(underpaid)).isEqualTo("PENDING");
    }

    @Test
    void theSandboxSimulateButtonIsNotOnLivePages() throws Exception {
        JsonNode payment = payment(create(API_KEY));

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(payment.get("page_url").asText()))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.body()).doesNotContain("simulate-payment").doesNotContain("sandbox-banner");
    }

    private static String item(String endToEndId, String txid, String valor) {
        return "{\"endToEndId\": \"" + endToEndId + "\", \"txid\": \"" + txid + "\", \"valor\": \"" + valor
                + "\", \"horario\": \"" + Instant.now() + "\"}";
    }

    private static HttpResponse<String> create(String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("payments/pix"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 1500}"));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> confirm(String body, String signature) throws Exception {
        return signedPost("payments/pix/confirmation", body, signature);
    }

    private static HttpResponse<String> webhook(String body) throws Exception {
        return signedPost("webhooks/pix", body, signature(Instant.now().getEpochSecond(), body, CURRENT_SECRET));
    }

    private static HttpResponse<String> signedPost(String path, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Pixflow-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signature(long unixSeconds, String body, String secret)
            throws NoSuchAlgorithmException, InvalidKeyException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = hmac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
    }

    private static JsonNode payment(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Api.JSON.readTree(created.body()).get("payment");
    }

    private static String status(JsonNode payment) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(payment.get("page_url").asText()))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(response.body()).get("status").asText();
    }
}
