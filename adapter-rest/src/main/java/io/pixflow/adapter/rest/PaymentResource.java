package io.pixflow.adapter.rest;

import io.pixflow.payment.domain.InvalidValueException;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentNotFoundException;
import io.pixflow.payment.domain.port.in.CancelPayment;
import io.pixflow.payment.domain.port.in.ConfirmPayment;
import io.pixflow.payment.domain.port.in.CreatePayment;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.in.RenderQrCode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The payments API of DESIGN §3. {@code GET /payments/pix/{id}} answers JSON with a quality of 0.9 so that the
 * web UI's HTML page, declared on the same path with 1, wins for browsers and for clients that accept
 * anything; {@code Accept: application/json} gets P. In live mode creating and cancelling need an API key and
 * confirming needs the bank's signature; reading stays open, the unguessable id being the payer's capability.
 */
@Path("/payments/pix")
@JsonApi
public final class PaymentResource {

    private static final String JSON_BELOW_HTML = "application/json;qs=0.9";
    private static final String PNG = "image/png";
    // The BR Code of a payment never changes, so neither does its picture.
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final CreatePayment createPayment;
    private final FindPayment findPayment;
    private final ConfirmPayment confirmPayment;
    private final CancelPayment cancelPayment;
    private final RenderQrCode renderQrCode;
    private final PaymentJson json;

    public PaymentResource(CreatePayment createPayment, FindPayment findPayment, ConfirmPayment confirmPayment,
                           CancelPayment cancelPayment, RenderQrCode renderQrCode, PaymentJson json) {
        this.createPayment = Objects.requireNonNull(createPayment, "createPayment");
        this.findPayment = Objects.requireNonNull(findPayment, "findPayment");
        this.confirmPayment = Objects.requireNonNull(confirmPayment, "confirmPayment");
        this.cancelPayment = Objects.requireNonNull(cancelPayment, "cancelPayment");
        this.renderQrCode = Objects.requireNonNull(renderQrCode, "renderQrCode");
        this.json = Objects.requireNonNull(json, "json");
    }

    @POST
    @RateLimited
    @MerchantOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public void create(CreatePaymentRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                       @Context ContainerRequestContext context, @Suspended AsyncResponse response) {
        URI base = context.getUriInfo().getBaseUri();
        // The HTTP thread is free once the payment is queued for a commit the store shares among many creates. The
        // answer is written where the server says (RestApi.ANSWER_EXECUTOR_PROPERTY), or else by the thread that
        // completes the stage. The write cannot block: a connection has at most this one small response in flight.
        Executor answering = context.getProperty(RestApi.ANSWER_EXECUTOR_PROPERTY) instanceof Executor executor
                ? executor
                : Runnable::run;
        createPayment.create(present(request).toCommand(idempotencyKey)).whenCompleteAsync((payment, failure) -> {
            if (failure == null) {
                response.resume(created(payment, base));
            } else {
                response.resume(unwrapped(failure));
            }
        }, answering);
    }

    private Response created(Payment payment, URI base) {
        PaymentRepresentation created = json.representation(payment, base);
        // The page URL is absolute already: as a string the header is written as it is, with no URI parsed and
        // printed again.
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, created.pageUrl())
                .entity(new PaymentMessage("The payment has been created", created))
                .build();
    }

    /** A stage fails with the use case's own exception wrapped; {@link ProblemMapper} maps the exception itself. */
    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @GET
    @Path("{id}")
    @Produces(JSON_BELOW_HTML)
    public PaymentRepresentation find(@PathParam("id") String id, @Context UriInfo uriInfo) {
        PaymentId paymentId = paymentId(id);
        Payment payment = findPayment.byId(paymentId).orElseThrow(() -> PaymentNotFoundException.forId(paymentId));
        return json.representation(payment, uriInfo.getBaseUri());
    }

    @DELETE
    @Path("{id}")
    @MerchantOnly
    @Produces(MediaType.APPLICATION_JSON)
    public PaymentRepresentation cancel(@PathParam("id") String id, @Context UriInfo uriInfo) {
        return json.representation(cancelPayment.cancel(paymentId(id)), uriInfo.getBaseUri());
    }

    @POST
    @Path("confirmation")
    @SignedByBank
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PaymentMessage confirm(ConfirmPaymentRequest request, @Context UriInfo uriInfo) {
        Payment payment = confirmPayment.confirm(present(request).toCommand());
        return new PaymentMessage("The payment has been confirmed",
                json.representation(payment, uriInfo.getBaseUri()));
    }

    @GET
    @Path("qr_code/{qrCode}")
    @Produces(PNG)
    public Response qrCode(@PathParam("qrCode") String qrCode) {
        return png(renderQrCode.pngForBankPaymentId(
                QrCodeName.parse(qrCode).orElseThrow(UnknownPaymentReferenceException::new)));
    }

    @GET
    @Path("{id}/qr.png")
    @Produces(PNG)
    public Response qrPng(@PathParam("id") String id) {
        return png(renderQrCode.pngFor(paymentId(id)));
    }

    private static Response png(byte[] image) {
        return Response.ok(image, PNG).header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER).build();
    }

    private static PaymentId paymentId(String id) {
        if (!PaymentId.isWellFormed(id)) {
            throw new UnknownPaymentReferenceException();
        }
        return new PaymentId(id);
    }

    /** A body of JSON {@code null} reaches the method as {@code null}. */
    private static <T> T present(T request) {
        if (request == null) {
            throw new InvalidValueException("the request body", "must be a single JSON object");
        }
        return request;
    }
}
