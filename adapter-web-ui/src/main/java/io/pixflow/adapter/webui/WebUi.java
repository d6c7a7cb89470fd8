package io.pixflow.adapter.webui;

import io.pixflow.payment.domain.port.in.FindPayment;
import java.time.Clock;
import java.util.List;

/**
 * The payment pages and their script and styles, ready to register on the Jersey application that also serves
 * the REST API. Built once at start: templates and assets are loaded here, so a broken one stops the start
 * instead of the first payer's request.
 */
public final class WebUi {

    private final List<Object> components;

    public WebUi(FindPayment payments, Clock clock, WebUiSettings settings) {
        this.components = List.of(
                new PaymentPageResource(payments, clock, settings),
                new StaticAssetsResource());
    }

    /** The JAX-RS resource instances to register, e.g. {@code resourceConfig.registerInstances(...)}. */
    public List<Object> components() {
        return components;
    }
}
