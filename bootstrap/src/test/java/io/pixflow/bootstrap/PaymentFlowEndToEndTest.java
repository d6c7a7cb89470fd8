package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import boofcv.abst.fiducial.QrCodeDetector;
import boofcv.alg.fiducial.qrcode.QrCode;
import boofcv.factory.fiducial.FactoryFiducial;
import boofcv.struct.image.GrayU8;
import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.pix.BrCode;
import io.pixflow.payment.domain.testing.TestClock;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's whole flow against the real server on a free port: REST, WebSocket push, pages and QR image, on the
 * embedded H2 database ({@link PaymentFlowOnPostgresEndToEndTest} runs it all again on PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentFlowEndToEndTest {

    private final TestClock clock = new TestClock(Instant.now());
    private PixFlowServer server;
    private Api api;

    /** The database this suite runs on: an H2 file under {@code directory}. */
    Settings settings(Path directory) {
        return TestServers.sandbox(directory);
    }

    @BeforeAll
    void startServer(@TempDir Path data) {
        server = PixFlowServer.start(settings(data), clock);
        api = new Api(server.port());
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void theDemosCreateAnswers201WithItsMessageAndThePaymentResource() {
        Api.Reply reply = api.post("payments/pix", "{\"value\": 1500}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode body = reply.json();
        assertThat(body.get("message").asText()).isEqualTo("The payment has been created");
        JsonNode payment = body.get("payment");
        String id = payment.get("id").asText();
        assertThat(id).matches("[A-Za-z0-9]{25}");
        assertThat(reply.header("Location")).isEqualTo(api.base().resolve("payments/pix/" + id).toString());
        assertThat(payment.get("value").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(payment.get("paid").asBoolean()).isFalse();
        assertThat(payment.get("status").asText()).isEqualTo("PENDING");
        assertThat(payment.get("qr_code").asText())
                .isEqualTo("qr_code_payment_" + payment.get("bank_payment_id").asText());
        assertThat(payment.get("page_url").asText()).isEqualTo(api.base().resolve("payments/pix/" + id).toString());
        assertThat(payment.get("expiration_date").asText()).endsWith("GMT");
        assertThat(payment.has("created_at")).isTrue();
        assertThat(payment.get("paid_at").isNull()).isTrue();
    }

    @Test
    void theQrImageDecodesWithAnIndependentDecoderToTheCopyPasteCode() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500}");

        byte[] png = api.bytes(URI.create(payment.get("qr_code_url").asText()));

        String decoded = decodeWithBoofCv(png);
        String copyPaste = payment.get("pix_copy_paste").asText();
        assertThat(decoded).isEqualTo(copyPaste);
        BrCode code = BrCode.parse(decoded);
        assertThat(code.amount()).contains(Money.ofReais("1500.00"));
        assertThat(code.txid()).isEqualTo(payment.get("id").asText());
        assertThat(api.bytes(URI.create(payment.get("page_url").asText() + "/qr.png"))).isEqualTo(png);
    }

    @Test
    void aSubscriberGetsTheSnapshotThenTheConfirmation() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500}");
        try (Subscriber page = Subscriber.to(server.port(), payment.get("id").asText())) {
            JsonNode snapshot = page.next();
            assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.get("payment").get("status").asText()).isEqualTo("PENDING");

            Api.Reply confirmation = api.confirm(payment, "1500");

            assertThat(confirmation.status()).isEqualTo(200);
            assertThat(confirmation.json().get("message").asText()).isEqualTo("The payment has been confirmed");
            JsonNode event = page.next();
            assertThat(event.get("type").asText()).isEqualTo("confirmed");
            assertThat(event.get("payment").get("status").asText()).isEqualTo("PAID");
            assertThat(event.get("payment").get("paid").asBoolean()).isTrue();
        }
    }

    @Test
    void aSubscriberOfAnotherPaymentHearsNothingOfIt() throws Exception {
        JsonNode confirmed = api.createPayment("{\"value\": 10}");
        JsonNode other = api.createPayment("{\"value\": 20}");
        try (Subscriber otherPage = Subscriber.to(server.port(), other.get("id").asText())) {
            otherPage.next();

            api.confirm(confirmed, "10");
            api.delete("payments/pix/" + other.get("id").asText());

            // Had the confirmation of the first payment reached this page, it would have come first.
            JsonNode next = otherPage.next();
            assertThat(next.get("type").asText()).isEqualTo("cancelled");
            assertThat(next.get("payment").get("id").asText()).isEqualTo(other.get("id").asText());
        }
    }

    @Test
    void aRepeatedConfirmationAnswers200AndPushesNothing() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500}");
        try (Subscriber page = Subscriber.to(server.port(), payment.get("id").asText())) {
            page.next();
            api.confirm(payment, "1500");
            assertThat(page.next().get("type").asText()).isEqualTo("confirmed");

            Api.Reply repeat = api.confirm(payment, "1500.00");

            assertThat(repeat.status()).isEqualTo(200);
            assertThat(page.nextWithin(1_000)).isNull();
        }
    }

    @Test
    void aSubscriberThatConnectsAfterTheConfirmationGetsAPaidSnapshot() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500}");
        api.confirm(payment, "1500");

        try (Subscriber latePage = Subscriber.to(server.port(), payment.get("id").asText())) {
            JsonNode snapshot = latePage.next();

            assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.get("payment").get("status").asText()).isEqualTo("PAID");
        }
    }

    @Test
    void aWrongAmountIs422AndChangesNothing() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500}");
        String id = payment.get("id").asText();
        try (Subscriber page = Subscriber.to(server.port(), id)) {
            page.next();

            Api.Reply mismatch = api.confirm(payment, "1499.99");

            assertThat(mismatch.status()).isEqualTo(422);
            assertThat(mismatch.contentType()).startsWith("application/problem+json");
            assertThat(mismatch.json().get("code").asText()).isEqualTo("amount_mismatch");
            assertThat(api.payment(id).get("status").asText()).isEqualTo("PENDING");
            api.delete("payments/pix/" + id);
            assertThat(page.next().get("type").asText())
                    .as("the mismatch pushed nothing: the next message is the cancellation").isEqualTo("cancelled");
        }
    }

    @Test
    void aCancelledPaymentIsPushedAndThenRefusesConfirmationWith409() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500}");
        String id = payment.get("id").asText();
        try (Subscriber page = Subscriber.to(server.port(), id)) {
            page.next();

            Api.Reply cancel = api.delete("payments/pix/" + id);

            assertThat(cancel.status()).isEqualTo(200);
            assertThat(cancel.json().get("status").asText()).isEqualTo("CANCELLED");
            assertThat(page.next().get("type").asText()).isEqualTo("cancelled");
            Api.Reply confirmation = api.confirm(payment, "1500");
            assertThat(confirmation.status()).isEqualTo(409);
            assertThat(confirmation.json().get("code").asText()).isEqualTo("payment_cancelled");
        }
    }

    @Test
    void aShortLivedPaymentExpiresWithAnEventAndThenRefusesConfirmationWith410() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500, \"expires_in\": 60}");
        try (Subscriber page = Subscriber.to(server.port(), payment.get("id").asText())) {
            page.next();

            clock.advance(Duration.ofSeconds(61));

            JsonNode event = page.next();
            assertThat(event.get("type").asText()).isEqualTo("expired");
            assertThat(event.get("payment").get("status").asText()).isEqualTo("EXPIRED");
            Api.Reply confirmation = api.confirm(payment, "1500");
            assertThat(confirmation.status()).isEqualTo(410);
            assertThat(confirmation.json().get("code").asText()).isEqualTo("payment_expired");
        }
    }

    @Test
    void anUnknownPaymentIsACustom404PageAndClosesItsSocketWith4404() throws Exception {
        Api.Reply page = api.get("payments/pix/AAAAAAAAAAAAAAAAAAAAAAAAA", "text/html");
        Api.Reply json = api.get("payments/pix/AAAAAAAAAAAAAAAAAAAAAAAAA", "application/json");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<html");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.json().get("code").asText()).isEqualTo("payment_not_found");
        try (Subscriber socket = Subscriber.to(server.port(), "AAAAAAAAAAAAAAAAAAAAAAAAA")) {
            assertThat(socket.awaitClose().getCloseCode().getCode()).isEqualTo(4404);
        }
    }

    @Test
    void thePaymentPageIsHtmlByDefaultAndJsonOnRequest() {
        JsonNode payment = api.createPayment("{\"value\": 1500}");
        String path = "payments/pix/" + payment.get("id").asText();

        Api.Reply browser = api.get(path, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        Api.Reply curl = api.get(path, "*/*");
        Api.Reply json = api.get(path, "application/json");

        assertThat(browser.contentType()).startsWith("text/html");
        assertThat(browser.body()).contains("R$ 1.500,00");
        assertThat(curl.contentType()).startsWith("text/html");
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.json().get("id").asText()).isEqualTo(payment.get("id").asText());
    }

    @Test
    void nothingAClientSendsToThePaymentRoutesGetsA5xx() {
        List<Api.Reply> replies = List.of(
                api.post("payments/pix", "{"),
                api.post("payments/pix", "{\"value\": \"abc\"}"),
                api.post("payments/pix", "{\"value\": 1.234}"),
                api.post("payments/pix", "{\"value\": -5}"),
                api.post("payments/pix", "{\"value\": 1e400}"),
                api.post("payments/pix", "[]"),
                api.post("payments/pix", "null"),
                api.post("payments/pix", "{\"value\": 10, \"expires_in\": 1}"),
                api.post("payments/pix/confirmation", "{\"bank_payment_id\": \"not-a-uuid\", \"value\": 1}"),
                api.post("payments/pix/confirmation", "{\"value\": 1}"),
                api.get("payments/pix/qr_code/qr_code_payment_..%2F..%2Fetc%2Fpasswd", "*/*"),
                api.get("payments/pix/" + "x".repeat(5000), "application/json"),
                api.get("payments/pix/%00", "text/html"),
                api.delete("payments/pix/unknown"));

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
            assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.pixflow");
        });
    }

    @Test
    void aConfirmationMovesTheEventCountersAndThePushLatencyHistogram() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1500}");
        try (Subscriber page = Subscriber.to(server.port(), payment.get("id").asText())) {
            page.next();
            String before = api.get("metrics", "text/plain").body();

            api.confirm(payment, "1500");
            page.next();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String after = api.get("metrics", "text/plain").body();
                assertThat(metric(after, "pixflow_events_published_total{type=\"confirmed\"}"))
                        .isEqualTo(metric(before, "pixflow_events_published_total{type=\"confirmed\"}") + 1);
                assertThat(metric(after, "pixflow_events_delivered_total{type=\"confirmed\"}"))
                        .isEqualTo(metric(before, "pixflow_events_delivered_total{type=\"confirmed\"}") + 1);
                assertThat(metric(after, "pixflow_push_latency_seconds_count{type=\"confirmed\"}"))
                        .isEqualTo(metric(before, "pixflow_push_latency_seconds_count{type=\"confirmed\"}") + 1);
            });
            String metrics = api.get("metrics", "text/plain").body();
            assertThat(metric(metrics, "pixflow_websocket_sessions")).isGreaterThanOrEqualTo(1);
            assertThat(metrics).contains("http_server_requests_seconds_count{", "uri=\"/payments/pix/confirmation\"",
                    "pixflow_db_pool_connections{", "pixflow_expiry_sweeps_total");
        }
    }

    private static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        return head.toString();
    }

    /** The value of one series in Prometheus text, 0 when it has not been written yet. */
    @Test
    void requestsAreTimedPerRouteTemplateSoThatPaymentsShareASeries() {
        String byId = "http_server_requests_seconds_count{exception=\"None\",method=\"GET\",outcome=\"SUCCESS\","
                + "status=\"200\",uri=\"/payments/pix/{id}\"}";
        String notFound = "http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
                + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"}";
        String first = api.createPayment("{\"value\": 1}").get("id").asText();
        String second = api.createPayment("{\"value\": 2}").get("id").asText();
        String before = api.get("metrics", "text/plain").body();

        assertThat(api.get("payments/pix/" + first, "application/json").status()).isEqualTo(200);
        assertThat(api.get("payments/pix/" + second, "application/json").status()).isEqualTo(200);
        assertThat(api.get("no/such/route", "application/json").status()).isEqualTo(404);

        String after = api.get("metrics", "text/plain").body();
        assertThat(metric(after, byId)).isEqualTo(metric(before, byId) + 2);
        assertThat(metric(after, notFound)).isEqualTo(metric(before, notFound) + 1);
        assertThat(after).doesNotContain(first).doesNotContain(second).doesNotContain("no/such/route");
    }

    @Test
    void aMethodNoRouteKnowsIsTimedAsOtherSoThatClientsCannotMintSeries() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("BREW /payments/pix HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 405");
        }

        String metrics = api.get("metrics", "text/plain").body();
        assertThat(metrics).contains("method=\"OTHER\"").doesNotContain("BREW");
    }

    private static double metric(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }

    @Test
    void aWebSocketFromAForeignPageIsRefusedWith403AndTheConnectionEnds() throws Exception {
        JsonNode payment = api.createPayment("{\"value\": 1}");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ws/payments/" + payment.get("id").asText() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: https://evil.example\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));

            String head = readHead(socket.getInputStream());

            assertThat(head).startsWith("HTTP/1.1 403").doesNotContainIgnoringCase("Upgrade: websocket");
            // Without a length, a client or a proxy (nginx) waits for a body until it times out.
            assertThat(head).containsIgnoringCase("Content-Length: 0");
        }
    }

    @Test
    void aRequestLineLongerThanTheHeaderLimitIsA400NotADroppedConnection() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /payments/pix/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);

            assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400");
        }
    }

    @Test
    void paymentsSurviveARestartOnTheSameDatabase(@TempDir Path ownData) {
        Settings settings = settings(ownData);
        String id;
        try (PixFlowServer first = PixFlowServer.start(settings)) {
            Api firstApi = new Api(first.port());
            JsonNode payment = firstApi.createPayment("{\"value\": 42.5}");
            firstApi.confirm(payment, "42.50");
            id = payment.get("id").asText();
        }

        try (PixFlowServer second = PixFlowServer.start(settings)) {
            JsonNode payment = new Api(second.port()).payment(id);

            assertThat(payment.get("status").asText()).isEqualTo("PAID");
            assertThat(payment.get("value").decimalValue()).isEqualByComparingTo("42.50");
        }
    }

    @Test
    void shuttingDownClosesOpenPagesWith1001(@TempDir Path ownData) throws Exception {
        PixFlowServer own = PixFlowServer.start(settings(ownData));
        JsonNode payment = new Api(own.port()).createPayment("{\"value\": 1}");
        try (Subscriber page = Subscriber.to(own.port(), payment.get("id").asText())) {
            page.next();

            own.close();

            assertThat(page.awaitClose().getCloseCode().getCode()).isEqualTo(1001);
        }
    }

    private String decodeWithBoofCv(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        GrayU8 gray = new GrayU8(image.getWidth(), image.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                gray.set(x, y, image.getRGB(x, y) & 0xFF);
            }
        }
        QrCodeDetector<GrayU8> detector = FactoryFiducial.qrcode(null, GrayU8.class);
        detector.process(gray);
        List<QrCode> found = detector.getDetections();
        assertThat(found).as("QR codes BoofCV found").hasSize(1);
        return found.get(0).message;
    }
}
