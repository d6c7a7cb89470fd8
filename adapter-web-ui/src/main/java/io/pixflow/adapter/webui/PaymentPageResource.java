package io.pixflow.adapter.webui;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The payer's page for one payment: QR code and countdown while pending, then the outcome.
 *
 * <p>It shares its path with the REST adapter's JSON resource and Jersey picks by the {@code Accept} header:
 * browsers (and clients that accept anything) get HTML, {@code Accept: application/json} gets the JSON. An id
 * that is unknown, or could not name a payment at all, gets the same 404 page, so the page does not tell a
 * visitor which ids are well-formed. Error pages are produced here, the adapter's one place for them.
 */
@Path("/payments/pix")
public final class PaymentPageResource {

    static final String HTML = "text/html;charset=UTF-8";
    /** Everything from this server only, nothing inline; the page may not be framed (clickjacking). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final FindPayment payments;
    private final Clock clock;
    private final Pages pages;

    public PaymentPageResource(FindPayment payments, Clock clock, WebUiSettings settings) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        this.pages = new Pages(new Messages(), new StaticAssets().urls(), settings.sandbox());
    }

    @GET
    @Path("{id}")
    @Produces("text/html;qs=1")
    public Response page(@PathParam("id") String id,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Language language = Language.preferredBy(acceptLanguage);
        Optional<Payment> payment;
        try {
            payment = PaymentId.isWellFormed(id) ? payments.byId(new PaymentId(id)) : Optional.empty();
        } catch (PaymentStoreUnavailableException e) {
            return html(Response.status(Response.Status.SERVICE_UNAVAILABLE), pages.unavailable(language))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        if (payment.isEmpty()) {
            return html(Response.status(Response.Status.NOT_FOUND), pages.notFound(language)).build();
        }
        return html(Response.ok(), pages.payment(PaymentView.from(payment.get(), language, clock), language))
                .build();
    }

    private static Response.ResponseBuilder html(Response.ResponseBuilder response, String page) {
        return response.entity(page)
                .type(HTML)
                // The status changes and the URL is the payer's capability: keep it out of shared caches.
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.VARY, "Accept, Accept-Language")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }
}
