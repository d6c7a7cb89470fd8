package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.LiveMode.NEW_SECRET;
import static io.pixflow.adapter.rest.LiveMode.OLD_SECRET;
import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Live mode: a bank notification is acted on only when signed with a configured secret, recently, over its bytes. */
class BankSignatureTest {

    private LiveMode live;
    private JsonNode payment;
    private String confirmation;

    @BeforeEach
    void start() {
        live = LiveMode.start();
        payment = live.createPayment();
        confirmation = "{\"bank_payment_id\": \"" + payment.get("bank_payment_id").asText() + "\", \"value\": 1500}";
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private HttpResponse<String> confirm(String signature) {
        return live.post("payments/pix/confirmation", confirmation, signature);
    }

    private JsonNode assertRefused(HttpResponse<String> response, String why) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo("invalid_signature");
        assertThat(problem.get("detail").asText()).contains("X-Pixflow-Signature", why);
        assertThat(live.statusOf(payment)).isEqualTo("PENDING");
        return problem;
    }

    @Test
    void aCorrectlySignedConfirmationConfirms() {
        HttpResponse<String> response = confirm(Signatures.header(NEW_SECRET, live.now(), confirmation));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("payment").get("status").asText()).isEqualTo("PAID");
        assertThat(live.statusOf(payment)).isEqualTo("PAID");
    }

    @Test
    void anUnsignedConfirmationIsRefusedAndChangesNothing() {
        assertRefused(confirm(null), "missing");
    }

    @Test
    void aSignatureMadeWithAnUnknownSecretIsRefused() {
        assertRefused(confirm(Signatures.header("whsec_guess", live.now(), confirmation)), "does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage",
        "v1=0123",
        "t=1764390900",
        "t=soon,v1=" + "ab",
        "t=,v1=",
        "t=1764390900,v1=not-hex",
        "t=1764390900,v1=abcdef",
        "t=1764390900,t=1764390901,v1=" + "0000000000000000000000000000000000000000000000000000000000000000",
        "t=-1764390900,v1=" + "0000000000000000000000000000000000000000000000000000000000000000",
        "=1764390900,v1=" + "0000000000000000000000000000000000000000000000000000000000000000"
    })
    void aMalformedSignatureIsRefused(String header) {
        assertRefused(confirm(header), "malformed");
    }

    @Test
    void aSignatureOlderThanFiveMinutesIsRefusedEvenWhenTheMacIsRight() {
        long t = live.now() - 301;

        assertRefused(confirm(Signatures.header(NEW_SECRET, t, confirmation)), "stale");
    }

    @Test
    void aSignatureMoreThanFiveMinutesAheadIsRefused() {
        long t = live.now() + 301;

        assertRefused(confirm(Signatures.header(NEW_SECRET, t, confirmation)), "stale");
    }

    @Test
    void clocksFiveMinutesApartStillAgree() {
        long t = live.now() - 300;

        assertThat(confirm(Signatures.header(NEW_SECRET, t, confirmation)).statusCode()).isEqualTo(200);
    }

    @Test
    void whileASecretIsRotatedBothTheOldAndTheNewOnePass() {
        JsonNode second = live.createPayment();
        String secondConfirmation =
                "{\"bank_payment_id\": \"" + second.get("bank_payment_id").asText() + "\", \"value\": 1500}";

        HttpResponse<String> withOld = confirm(Signatures.header(OLD_SECRET, live.now(), confirmation));
        HttpResponse<String> withNew = live.post("payments/pix/confirmation", secondConfirmation,
                Signatures.header(NEW_SECRET, live.now(), secondConfirmation));

        assertThat(withOld.statusCode()).as(withOld.body()).isEqualTo(200);
        assertThat(withNew.statusCode()).as(withNew.body()).isEqualTo(200);
        assertThat(live.statusOf(payment)).isEqualTo("PAID");
        assertThat(live.statusOf(second)).isEqualTo("PAID");
    }

    @Test
    void anyOfSeveralV1EntriesMayBeTheMatchingOne() {
        long t = live.now();
        String header = "t=" + t + ",v1=" + Signatures.v1("whsec_retired", t, confirmation)
                + ", v1=" + Signatures.v1(OLD_SECRET, t, confirmation) + ",v0=ignored-scheme";

        assertThat(confirm(header).statusCode()).isEqualTo(200);
    }

    @Test
    void theSignatureCoversTheBytesAsSentSoTheSameJsonSpacedDifferentlyFails() {
        String compact = confirmation.replace(" ", "");
        long t = live.now();

        assertRefused(confirm(Signatures.header(NEW_SECRET, t, compact)), "does not match");
        HttpResponse<String> signedAsSent = confirm(Signatures.header(NEW_SECRET, t, confirmation));
        assertThat(signedAsSent.statusCode()).as(signedAsSent.body()).isEqualTo(200);
    }

    @Test
    void aSignatureForAnotherTimestampFails() {
        long t = live.now();
        String v1 = Signatures.v1(NEW_SECRET, t, confirmation);

        assertRefused(confirm("t=" + (t - 1) + ",v1=" + v1), "does not match");
    }

    @Test
    void aSignedBodyOverTheLimitIsStillTooLarge() {
        String oversized = "{\"value\": 10, \"pad\": \"" + "x".repeat(RestApi.MAX_BODY_BYTES) + "\"}";
        byte[] bytes = oversized.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = live.server.send(live.server.request("payments/pix/confirmation")
                .header("Content-Type", "application/json")
                .header("X-Pixflow-Signature", Signatures.header(NEW_SECRET, live.now(), oversized))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("code").asText()).isEqualTo("payload_too_large");
    }

    @Nested
    class TheWebhook {

        private String notification() {
            return "{\"pix\": [{\"endToEndId\": \"E12345678202611290440abcdefghijk\", \"txid\": \""
                    + payment.get("id").asText() + "\", \"valor\": \"1500.00\", \"horario\": \"2026-11-29T04:35:00Z\"}]}";
        }

        @Test
        void refusesAnUnsignedNotificationAndRecordsNothing() {
            HttpResponse<String> response = live.post("webhooks/pix", notification(), null);

            assertRefused(response, "missing");
            assertThat(live.app.transferLog.outcomeOf("E12345678202611290440abcdefghijk")).isEmpty();
        }

        @Test
        void actsOnASignedNotification() {
            String body = notification();

            HttpResponse<String> response =
                    live.post("webhooks/pix", body, Signatures.header(OLD_SECRET, live.now(), body));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).get("received").get(0).get("outcome").asText()).isEqualTo("confirmed");
            assertThat(live.statusOf(payment)).isEqualTo("PAID");
        }
    }
}
