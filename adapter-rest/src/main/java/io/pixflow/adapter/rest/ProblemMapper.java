package io.pixflow.adapter.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.pixflow.payment.domain.AmountMismatchException;
import io.pixflow.payment.domain.IdempotencyKeyReusedException;
import io.pixflow.payment.domain.InvalidBrCodeException;
import io.pixflow.payment.domain.InvalidValueException;
import io.pixflow.payment.domain.PaymentAlreadyPaidException;
import io.pixflow.payment.domain.PaymentCancelledException;
import io.pixflow.payment.domain.PaymentException;
import io.pixflow.payment.domain.PaymentExpiredException;
import io.pixflow.payment.domain.PaymentNotFoundException;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's one translation of failures into HTTP: every exception becomes an {@code application/problem+json}
 * answer. What a client sent wrong is a 4xx that says what to fix; anything else is a 500 whose details stay in
 * the server log, so a response never carries a stack trace or a library's internal message.
 */
final class ProblemMapper implements ExceptionMapper<Throwable> {

    static final String PROBLEM_JSON = "application/problem+json";
    /** Besides the type: what every problem answer carries, from Jersey or not ({@link ProblemAnswer}). */
    static final Map<String, String> HEADERS = Map.of(
            HttpHeaders.CACHE_CONTROL, "no-store",
            SecurityHeaders.CONTENT_TYPE_OPTIONS, SecurityHeaders.NOSNIFF,
            SecurityHeaders.REFERRER_POLICY, SecurityHeaders.NO_REFERRER);
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(Throwable thrown) {
        Response.ResponseBuilder response = responseFor(thrown);
        HEADERS.forEach(response::header);
        return response.build();
    }

    private static Response.ResponseBuilder responseFor(Throwable thrown) {
        if (thrown instanceof PaymentException e) {
            return domainProblem(e);
        }
        if (thrown instanceof PaymentStoreUnavailableException e) {
            LOG.warn("payment store unavailable", e);
            return answer(503, "Service Unavailable", "service_unavailable",
                    "the payment store is unavailable; retry later")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (thrown instanceof UnauthenticatedException e) {
            return answer(401, "Unauthorized", e.code(), e.getMessage())
                    .header(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        }
        if (thrown instanceof RateLimitedException e) {
            return answer(429, "Too Many Requests", "rate_limited", e.getMessage())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        if (thrown instanceof UnknownPaymentReferenceException e) {
            return answer(404, "Not Found", "payment_not_found", e.getMessage());
        }
        // Jersey wraps what the body reader and its interceptors throw, so those are looked for along the causes.
        Optional<BodyTooLargeException> tooLarge = cause(thrown, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return answer(413, "Content Too Large", "payload_too_large", tooLarge.get().getMessage());
        }
        Optional<JsonProcessingException> unreadable = cause(thrown, JsonProcessingException.class)
                .filter(ProblemMapper::isAboutTheRequest);
        if (unreadable.isPresent()) {
            return jsonProblem(unreadable.get());
        }
        if (thrown instanceof WebApplicationException e
                && e.getResponse().getStatus() != Response.Status.INTERNAL_SERVER_ERROR.getStatusCode()) {
            return httpProblem(e.getResponse());
        }
        return internalError(thrown);
    }

    private static Response.ResponseBuilder domainProblem(PaymentException e) {
        String detail = e.getMessage();
        if (e instanceof InvalidValueException || e instanceof InvalidBrCodeException) {
            return answer(400, "Bad Request", "invalid_value", detail);
        } else if (e instanceof PaymentNotFoundException) {
            return answer(404, "Not Found", "payment_not_found", detail);
        } else if (e instanceof AmountMismatchException) {
            return answer(422, "Unprocessable Content", "amount_mismatch", detail);
        } else if (e instanceof PaymentCancelledException) {
            return answer(409, "Conflict", "payment_cancelled", detail);
        } else if (e instanceof PaymentAlreadyPaidException) {
            return answer(409, "Conflict", "payment_already_paid", detail);
        } else if (e instanceof PaymentExpiredException) {
            return answer(410, "Gone", "payment_expired", detail);
        } else if (e instanceof IdempotencyKeyReusedException) {
            return answer(422, "Unprocessable Content", "idempotency_key_reused", detail);
        }
        return internalError(e);
    }

    /** A DTO Jackson cannot handle, or a response it cannot write, is the server's fault, not the client's. */
    private static boolean isAboutTheRequest(JsonProcessingException e) {
        return !(e instanceof InvalidDefinitionException) && !(e instanceof StreamWriteException);
    }

    /**
     * Jackson's own messages quote internals (class names, the parser's source), so only the field, the kind of
     * value it needs and the place of a syntax error are reported.
     */
    private static Response.ResponseBuilder jsonProblem(JsonProcessingException e) {
        // Jackson reports a failure inside a field as a wrapper that knows the path around the real cause.
        Throwable reason = e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException inner
                ? inner : e;
        if (reason instanceof StreamReadException read && !(reason instanceof InputCoercionException)) {
            JsonLocation at = read.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return answer(400, "Bad Request", "malformed_json", "the request body is not valid JSON" + where);
        }
        if (reason instanceof MismatchedInputException || reason instanceof InputCoercionException) {
            String field = e instanceof JsonMappingException mapping ? fieldOf(mapping.getPath()) : null;
            if (field == null) {
                return answer(400, "Bad Request", "invalid_value", "the request body must be a single JSON object");
            }
            Class<?> target = reason instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                    : ((InputCoercionException) reason).getTargetType();
            return answer(400, "Bad Request", "invalid_value", field + " must be " + kindOf(target));
        }
        return answer(400, "Bad Request", "malformed_json",
                "the request body goes beyond the JSON parser's limits on number length, string length or nesting");
    }

    private static String fieldOf(List<JsonMappingException.Reference> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return null;
    }

    private static String kindOf(Class<?> target) {
        if (target == BigDecimal.class) {
            return "a JSON number";
        } else if (target == Long.class || target == long.class) {
            return "a whole JSON number";
        } else if (target == String.class) {
            return "a JSON string";
        }
        return "a value of another type";
    }

    private static Response.ResponseBuilder httpProblem(Response original) {
        int status = original.getStatus();
        return switch (status) {
            case 404 -> answer(404, "Not Found", "not_found", "there is nothing at this URL");
            case 405 -> answer(405, "Method Not Allowed", "method_not_allowed",
                    "this URL does not accept that method; it accepts "
                            + String.join(", ", new TreeSet<>(original.getAllowedMethods())))
                    .allow(original.getAllowedMethods());
            case 406 -> answer(406, "Not Acceptable", "not_acceptable",
                    "this URL cannot answer with any media type the Accept header lists");
            case 415 -> answer(415, "Unsupported Media Type", "unsupported_media_type",
                    "send the request body as application/json");
            default -> {
                // Thrown on purpose elsewhere (401 from an auth filter, 503...): keep its status and headers
                // such as WWW-Authenticate or Retry-After.
                String given = original.getStatusInfo().getReasonPhrase();
                String reason = given == null || given.isBlank() ? "HTTP " + status : given;
                Response.ResponseBuilder problem = answer(status, reason,
                        reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), reason);
                original.getHeaders().forEach((name, values) -> {
                    if (!List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH, HttpHeaders.CACHE_CONTROL)
                            .contains(name)) {
                        values.forEach(value -> problem.header(name, value));
                    }
                });
                yield problem;
            }
        };
    }

    private static Response.ResponseBuilder internalError(Throwable thrown) {
        LOG.error("unexpected failure while answering a request", thrown);
        return answer(500, "Internal Server Error", "internal_error",
                "the server could not answer this request; the failure has been logged");
    }

    private static Response.ResponseBuilder answer(int status, String title, String code, String detail) {
        return Response.status(status).type(PROBLEM_JSON).entity(Problem.of(status, title, code, detail));
    }

    private static <T extends Throwable> Optional<T> cause(Throwable thrown, Class<T> type) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = thrown; t != null && !seen.contains(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            seen.add(t);
        }
        return Optional.empty();
    }
}
