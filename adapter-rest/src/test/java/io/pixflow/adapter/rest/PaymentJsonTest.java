package io.pixflow.adapter.rest;

import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static io.pixflow.payment.domain.testing.PaymentBuilder.aPaidPayment;
import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentStatus;
import io.pixflow.payment.domain.testing.TestClock;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** P as the WebSocket adapter gets it, without Jersey. */
class PaymentJsonTest {

    private static final URI REQUEST_BASE = URI.create("http://127.0.0.1:8080/");
    private final TestClock clock = new TestClock(T0.plusSeconds(10));

    private static JsonNode parse(String json) throws Exception {
        return TestServer.JSON.readTree(json);
    }

    @Test
    void writesEveryFieldOfThePaymentResource() throws Exception {
        UUID bankPaymentId = UUID.fromString("6f1d7c1e-2b7a-4c55-9a57-0c1e9b8f7a10");
        Payment payment = aPendingPayment().amount("0.10").bankPaymentId(bankPaymentId).description("Pedido 1")
                .build();

        String json = new PaymentJson(clock, null).toJson(payment, REQUEST_BASE);

        JsonNode p = parse(json);
        assertThat(json).startsWith("{\"id\":\"" + payment.id() + "\",\"value\":0.10,");
        assertThat(p.get("value").decimalValue()).isEqualTo(new BigDecimal("0.10"));
        assertThat(p.get("paid").asBoolean()).isFalse();
        assertThat(p.get("status").asText()).isEqualTo("PENDING");
        assertThat(p.get("bank_payment_id").asText()).isEqualTo(bankPaymentId.toString());
        assertThat(p.get("qr_code").asText()).isEqualTo("qr_code_payment_" + bankPaymentId);
        assertThat(p.get("qr_code_url").asText())
                .isEqualTo("http://127.0.0.1:8080/payments/pix/qr_code/qr_code_payment_" + bankPaymentId);
        assertThat(p.get("pix_copy_paste").asText()).isEqualTo(payment.brCode());
        assertThat(p.get("page_url").asText()).isEqualTo("http://127.0.0.1:8080/payments/pix/" + payment.id());
        assertThat(p.get("created_at").asText()).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(p.get("expires_at").asText()).isEqualTo("2026-11-29T12:30:00Z");
        assertThat(p.get("paid_at").isNull()).isTrue();
        assertThat(p.get("expiration_date").asText()).isEqualTo("Sun, 29 Nov 2026 12:30:00 GMT");
        assertThat(p.get("description").asText()).isEqualTo("Pedido 1");
    }

    @Test
    void aPaidPaymentSaysSoWithTheTimeOfPayment() throws Exception {
        Payment payment = aPaidPayment().paidAt(Instant.parse("2026-11-29T12:01:02.345Z")).build();

        JsonNode p = parse(new PaymentJson(clock, null).toJson(payment, REQUEST_BASE));

        assertThat(p.get("paid").asBoolean()).isTrue();
        assertThat(p.get("status").asText()).isEqualTo("PAID");
        assertThat(p.get("paid_at").asText()).isEqualTo("2026-11-29T12:01:02.345Z");
    }

    @Test
    void aPendingPaymentPastItsTimeReadsExpired() throws Exception {
        Payment payment = aPendingPayment().build();
        clock.set(payment.expiresAt());

        JsonNode p = parse(new PaymentJson(clock, null).toJson(payment, REQUEST_BASE));

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(p.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(p.get("paid").asBoolean()).isFalse();
    }

    @Test
    void theExpirationDateHasATwoDigitDayLikeAnHttpDate() throws Exception {
        Payment payment = aPendingPayment().createdAt(Instant.parse("2026-12-01T08:00:00Z"))
                .expiringAt(Instant.parse("2026-12-01T08:30:00Z")).build();

        JsonNode p = parse(new PaymentJson(clock, null).toJson(payment, REQUEST_BASE));

        assertThat(p.get("expiration_date").asText()).isEqualTo("Tue, 01 Dec 2026 08:30:00 GMT");
    }

    @Test
    void aConfiguredPublicUrlWinsOverTheRequestsBase() throws Exception {
        Payment payment = aPendingPayment().build();

        JsonNode p = parse(new PaymentJson(clock, URI.create("https://pay.example.com/pixflow"))
                .toJson(payment, REQUEST_BASE));

        assertThat(p.get("page_url").asText()).isEqualTo("https://pay.example.com/pixflow/payments/pix/" + payment.id());
        assertThat(p.get("qr_code_url").asText()).startsWith("https://pay.example.com/pixflow/payments/pix/qr_code/");
    }

    @Test
    void aWebSocketBaseUriGivesHttpLinks() throws Exception {
        Payment payment = aPendingPayment().build();
        PaymentJson json = new PaymentJson(clock, null);

        JsonNode plain = parse(json.toJson(payment, URI.create("ws://127.0.0.1:8080")));
        JsonNode secure = parse(json.toJson(payment, URI.create("wss://pay.example.com/")));

        assertThat(plain.get("page_url").asText()).isEqualTo("http://127.0.0.1:8080/payments/pix/" + payment.id());
        assertThat(secure.get("page_url").asText()).isEqualTo("https://pay.example.com/payments/pix/" + payment.id());
    }

    @Test
    void thePublicUrlMustBeAnAbsoluteHttpUrl() {
        assertThatThrownBy(() -> new PaymentJson(clock, URI.create("pay.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http(s)");
        assertThatThrownBy(() -> new PaymentJson(clock, URI.create("ftp://pay.example.com/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentJson(clock, URI.create("https://pay.example.com/?a=b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no query");
    }

    @Test
    void withoutAPublicUrlTheRequestsBaseIsRequired() {
        Payment payment = aPendingPayment().build();

        assertThatThrownBy(() -> new PaymentJson(clock, null).toJson(payment, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("requestBaseUri");
    }

    @Test
    void theStatusFollowsTheClockNotTheMomentOfConstruction() throws Exception {
        Payment payment = aPendingPayment().build();
        PaymentJson json = new PaymentJson(clock, null);
        String before = parse(json.toJson(payment, REQUEST_BASE)).get("status").asText();

        clock.advance(Duration.ofHours(1));

        assertThat(before).isEqualTo("PENDING");
        assertThat(parse(json.toJson(payment, REQUEST_BASE)).get("status").asText()).isEqualTo("EXPIRED");
    }
}
