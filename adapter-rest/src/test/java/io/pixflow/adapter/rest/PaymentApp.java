package io.pixflow.adapter.rest;

import static io.pixflow.payment.domain.testing.PaymentBuilder.MERCHANT;

import io.pixflow.payment.application.PaymentService;
import io.pixflow.payment.application.PixTransferService;
import io.pixflow.payment.application.QrCodeService;
import io.pixflow.payment.domain.TimeToLive;
import io.pixflow.payment.domain.port.out.QrCodeRenderer;
import io.pixflow.payment.domain.testing.InMemoryPaymentRepository;
import io.pixflow.payment.domain.testing.InMemoryPixTransferLog;
import io.pixflow.payment.domain.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The real use cases over an in-memory store, on a clock the test moves. */
final class PaymentApp {

    static final Instant NOW = Instant.parse("2026-11-29T04:35:00Z");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Not a picture, but a PNG signature followed by the payload, so a test can tell whose code it is. */
    static final QrCodeRenderer FAKE_PNG = payload -> pngOf(payload);

    final TestClock clock = new TestClock(NOW);
    final InMemoryPaymentRepository repository = new InMemoryPaymentRepository();
    final PaymentService payments = new PaymentService(repository, event -> { }, MERCHANT, TimeToLive.DEFAULT,
            clock, new SecureRandom());
    final QrCodeService qrCodes = new QrCodeService(payments, FAKE_PNG);
    final InMemoryPixTransferLog transferLog = new InMemoryPixTransferLog();
    final PixTransferService transfers = new PixTransferService(repository, transferLog, event -> { }, clock);

    /** Sandbox mode, as the demo runs. */
    RestApi restApi() {
        return restApi(RestSecurity.sandbox());
    }

    RestApi restApi(RestSecurity security) {
        return restApi(Map.of("database", () -> true), security);
    }

    RestApi restApi(Map<String, BooleanSupplier> healthChecks) {
        return restApi(healthChecks, RestSecurity.sandbox());
    }

    private RestApi restApi(Map<String, BooleanSupplier> healthChecks, RestSecurity security) {
        return new RestApi(payments, payments, payments, payments, qrCodes, transfers, new PaymentJson(clock, null),
                healthChecks, security, clock);
    }

    static byte[] pngOf(String payload) {
        byte[] text = payload.getBytes(StandardCharsets.UTF_8);
        byte[] png = Arrays.copyOf(PNG_SIGNATURE, PNG_SIGNATURE.length + text.length);
        System.arraycopy(text, 0, png, PNG_SIGNATURE.length, text.length);
        return png;
    }
}
