package io.pixflow.payment.application;

import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentNotFoundException;
import io.pixflow.payment.domain.testing.InMemoryPaymentRepository;
import io.pixflow.payment.domain.testing.TestClock;
import io.pixflow.payment.domain.testing.PaymentBuilder;
import io.pixflow.payment.domain.TimeToLive;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QrCodeServiceTest {

    private final InMemoryPaymentRepository repository = new InMemoryPaymentRepository();
    private final PaymentService payments = new PaymentService(repository, event -> { }, PaymentBuilder.MERCHANT,
            TimeToLive.DEFAULT, new TestClock(PaymentBuilder.T0), new SecureRandom());
    // Stands in for ZXing: the image "is" the payload, so the test sees which code was drawn.
    private final QrCodeService qrCodes = new QrCodeService(payments,
            payload -> payload.getBytes(StandardCharsets.UTF_8));

    @Test
    void drawsThePaymentsOwnBrCodeByIdAndByBankReference() {
        Payment payment = aPendingPayment().build();
        join(repository.insert(payment));

        assertThat(new String(qrCodes.pngFor(payment.id()), StandardCharsets.UTF_8)).isEqualTo(payment.brCode());
        assertThat(new String(qrCodes.pngForBankPaymentId(payment.bankPaymentId()), StandardCharsets.UTF_8))
                .isEqualTo(payment.brCode());
    }

    @Test
    void anUnknownPaymentHasNoImage() {
        assertThatThrownBy(() -> qrCodes.pngFor(PaymentId.generate(Instant.EPOCH, new SecureRandom())))
                .isInstanceOf(PaymentNotFoundException.class);
        assertThatThrownBy(() -> qrCodes.pngForBankPaymentId(UUID.randomUUID()))
                .isInstanceOf(PaymentNotFoundException.class);
    }
}
