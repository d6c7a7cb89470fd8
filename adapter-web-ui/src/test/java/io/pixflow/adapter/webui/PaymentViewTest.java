package io.pixflow.adapter.webui;

import static io.pixflow.adapter.webui.Payments.CREATED;
import static io.pixflow.adapter.webui.Payments.EXPIRES;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.Payment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentViewTest {

    private static final String ID = "Ab3dE5gH7jK9mN1pQ3sT5vX7z";

    private static PaymentView at(Payment payment, Instant now) {
        return PaymentView.from(payment, Language.PORTUGUESE, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aPendingPaymentCountsDownToItsExpiry() {
        PaymentView view = at(Payments.pending(ID), CREATED.plusSeconds(1));

        assertThat(view.status()).isEqualTo("PENDING");
        assertThat(view.msLeft()).isEqualTo("1799000");
        assertThat(view.countdown()).isEqualTo("29:59");
        assertThat(view.expiresAt()).isEqualTo("2026-03-10T14:30:00Z");
    }

    @Test
    void aPendingPaymentPastItsExpiryReadsExpiredWithNothingLeftToCount() {
        PaymentView view = at(Payments.pending(ID), EXPIRES);

        assertThat(view.status()).isEqualTo("EXPIRED");
        assertThat(view.msLeft()).isEqualTo("0");
        assertThat(view.countdown()).isEqualTo("00:00");
    }

    @Test
    void carriesWhatThePageAndItsScriptLinkTo() {
        Payment payment = Payments.pending(ID, "10.5", null);

        PaymentView view = at(payment, CREATED);

        assertThat(view.amount()).isEqualTo("R$ 10,50");
        assertThat(view.value()).isEqualTo("10.50");
        assertThat(view.brCode()).isEqualTo(payment.brCode());
        assertThat(view.bankPaymentId()).isEqualTo(payment.bankPaymentId().toString());
        assertThat(view.description()).isEmpty();
        assertThat(view.qrCodeUrl()).isEqualTo("/payments/pix/" + ID + "/qr.png");
        assertThat(view.jsonUrl()).isEqualTo("/payments/pix/" + ID);
        assertThat(view.webSocketPath()).isEqualTo("/ws/payments/" + ID);
    }

    @ParameterizedTest(name = "{0} ms → {1}")
    @CsvSource({
            "0,         00:00",
            "1,         00:01",
            "1000,      00:01",
            "1001,      00:02",
            "59999,     01:00",
            "3599000,   59:59",
            "3600000,   1:00:00",
            "604800000, 168:00:00",
    })
    void countdownRoundsUpSoZeroMeansExpired(long millis, String expected) {
        assertThat(PaymentView.countdown(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
