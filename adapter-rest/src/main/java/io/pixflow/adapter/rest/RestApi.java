package io.pixflow.adapter.rest;

import io.pixflow.payment.domain.port.in.CancelPayment;
import io.pixflow.payment.domain.port.in.ConfirmPayment;
import io.pixflow.payment.domain.port.in.CreatePayment;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.in.ReceivePixTransfers;
import io.pixflow.payment.domain.port.in.RenderQrCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.glassfish.jersey.jackson.JacksonFeature;

/**
 * The REST adapter as bootstrap sees it: build it with the use cases and the security settings, then register
 * every one of {@link #components()} on the Jersey {@code ResourceConfig}.
 */
public final class RestApi {

    /** Enough for any payment request many times over; more is a client error or an attack. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /**
     * The request property holding the client's address (a {@code String} such as {@code 203.0.113.7}), by which
     * payment creation is rate-limited. This adapter does not know the HTTP server, so the server sets it before
     * the request reaches Jersey; without it all clients share one allowance.
     */
    public static final String CLIENT_ADDRESS_PROPERTY = "io.pixflow.adapter.rest.clientAddress";

    /**
     * The request property holding the {@link java.util.concurrent.Executor} on which an answer that is ready on
     * another thread is written, such as the connection's own I/O thread. Without it the answer is written on the
     * thread that finished the work: for a create, the store's writer.
     */
    public static final String ANSWER_EXECUTOR_PROPERTY = "io.pixflow.adapter.rest.answerExecutor";

    /** Clients tracked by the creation rate limit at most: about 100 bytes each. */
    static final int MAX_RATE_LIMITED_CLIENTS = 100_000;

    private final List<Object> components;

    /**
     * @param security the mode (sandbox or live), its secrets and keys, and the creation rate limit
     * @param clock    the time bank signatures are checked against and rate limits refill by
     */
    public RestApi(CreatePayment createPayment, FindPayment findPayment, ConfirmPayment confirmPayment,
                   CancelPayment cancelPayment, RenderQrCode renderQrCode, ReceivePixTransfers receivePixTransfers,
                   PaymentJson paymentJson, Map<String, BooleanSupplier> healthChecks, RestSecurity security,
                   Clock clock) {
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(clock, "clock");
        List<Object> all = new ArrayList<>(List.of(
                new PaymentResource(createPayment, findPayment, confirmPayment, cancelPayment, renderQrCode,
                        paymentJson),
                new PixWebhookResource(receivePixTransfers),
                new HealthResource(healthChecks),
                // Jackson's own mappers would answer with the parser's message; ProblemMapper answers instead.
                JacksonFeature.withoutExceptionMappers(),
                new ObjectMapperResolver(paymentJson.objectMapper()),
                new ProblemMapper(),
                new SecurityHeaders(),
                new BodySizeLimit(MAX_BODY_BYTES),
                new CreationRateLimit(
                        new TokenBuckets(security.creationRateLimit(), MAX_RATE_LIMITED_CLIENTS, clock))));
        // In sandbox mode these are not registered at all, so nothing of live mode can half-apply.
        if (security.isLive()) {
            all.add(new BankSignatureCheck(security.webhookSecrets(), clock, MAX_BODY_BYTES));
            all.add(new ApiKeyCheck(security.apiKeys()));
        }
        this.components = List.copyOf(all);
    }

    /** Resources, providers and the Jackson feature, as instances for {@code ResourceConfig.register(Object)}. */
    public List<Object> components() {
        return components;
    }
}
