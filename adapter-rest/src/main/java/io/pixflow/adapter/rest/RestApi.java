package io.pixflow.adapter.rest;

import io.pixflow.payment.domain.port.in.CancelPayment;
import io.pixflow.payment.domain.port.in.ConfirmPayment;
import io.pixflow.payment.domain.port.in.CreatePayment;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.in.RenderQrCode;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.glassfish.jersey.jackson.JacksonFeature;

/**
 * The REST adapter as bootstrap sees it: build it with the use cases, then register every one of
 * {@link #components()} on the Jersey {@code ResourceConfig}.
 */
public final class RestApi {

    /** Enough for any payment request many times over; more is a client error or an attack. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final List<Object> components;

    public RestApi(CreatePayment createPayment, FindPayment findPayment, ConfirmPayment confirmPayment,
                   CancelPayment cancelPayment, RenderQrCode renderQrCode, PaymentJson paymentJson,
                   Map<String, BooleanSupplier> healthChecks) {
        this.components = List.of(
                new PaymentResource(createPayment, findPayment, confirmPayment, cancelPayment, renderQrCode,
                        paymentJson),
                new HealthResource(healthChecks),
                // Jackson's own mappers would answer with the parser's message; ProblemMapper answers instead.
                JacksonFeature.withoutExceptionMappers(),
                new ObjectMapperResolver(paymentJson.objectMapper()),
                new ProblemMapper(),
                new NoStoreFilter(),
                new BodySizeLimit(MAX_BODY_BYTES));
    }

    /** Resources, providers and the Jackson feature, as instances for {@code ResourceConfig.register(Object)}. */
    public List<Object> components() {
        return components;
    }
}
