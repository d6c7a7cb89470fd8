package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.in.CancelPayment;
import io.pixflow.payment.domain.port.in.ConfirmPayment;
import io.pixflow.payment.domain.port.in.CreatePayment;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.in.ReceivePixTransfers;
import io.pixflow.payment.domain.port.in.RenderQrCode;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ServiceUnavailableException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** What a client that sends something wrong is told: the right 4xx, a useful message, never a stack trace. */
class ProblemResponsesTest {

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void startWithTheRealApplication() {
        server = TestServer.serving(new PaymentApp().restApi().components());
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("message").asText()).isEqualTo(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "jackson", "at io.", "at org.", "\\n\\tat ");
        return problem;
    }

    @Nested
    class ABadCreationRequest {

        @ParameterizedTest(name = "{0} -> {1} {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {                                        | malformed_json | not valid JSON (line 1, column 2)
            {"value": "abc"}                         | invalid_value  | value must be a JSON number
            {"value": "1500"}                        | invalid_value  | value must be a JSON number
            {"value": true}                          | invalid_value  | value must be a JSON number
            {"value": [10]}                          | invalid_value  | value must be a JSON number
            {"value": NaN}                           | malformed_json | not valid JSON
            {"value": Infinity}                      | malformed_json | not valid JSON
            {"value": 1500.123}                      | invalid_value  | value must have at most 2 decimal places
            {"value": 1e-999}                        | invalid_value  | value must have at most 2 decimal places
            {"value": -1}                            | invalid_value  | value must be greater than zero
            {"value": 0}                             | invalid_value  | value must be greater than zero
            {"value": 10000000000}                   | invalid_value  | value must be at most 9999999999.99
            {"value": 1e999}                         | invalid_value  | value must be at most 9999999999.99
            {}                                       | invalid_value  | value is required
            {"value": null}                          | invalid_value  | value is required
            {"value": 10, "expires_in": 59}          | invalid_value  | expires_in must be between 60 and 604800 seconds
            {"value": 10, "expires_in": 604801}      | invalid_value  | expires_in must be between 60 and 604800 seconds
            {"value": 10, "expires_in": 60.5}        | invalid_value  | expires_in must be a whole JSON number
            {"value": 10, "expires_in": "600"}       | invalid_value  | expires_in must be a whole JSON number
            {"value": 10, "expires_in": 1e30}        | invalid_value  | expires_in must be a whole JSON number
            {"value": 10, "description": 5}          | invalid_value  | description must be a JSON string
            {"value": 10, "value": 20}               | malformed_json | not valid JSON
            {"value": 10} trailing                   | malformed_json | not valid JSON
            []                                       | invalid_value  | the request body must be a single JSON object
            null                                     | invalid_value  | the request body must be a single JSON object
            `    `                                   | invalid_value  | the request body must be a single JSON object
            """)
        void isRefusedWithA400ThatNamesTheProblem(String body, String code, String detail) {
            startWithTheRealApplication();

            JsonNode problem = assertProblem(server.postJson("payments/pix", body), 400, code);

            assertThat(problem.get("detail").asText()).contains(detail);
        }

        @Test
        void aNumberLongerThanTheParserAllowsIsABadRequest() {
            startWithTheRealApplication();

            assertProblem(server.postJson("payments/pix", "{\"value\": 1" + "0".repeat(2000) + "}"),
                    400, "malformed_json");
        }

        @Test
        void nestingDeeperThanTheParserAllowsIsABadRequest() {
            startWithTheRealApplication();

            String deep = "[".repeat(1500) + "]".repeat(1500);
            assertProblem(server.postJson("payments/pix", "{\"value\": 10, \"extra\": " + deep + "}"),
                    400, "malformed_json");
        }

        @Test
        void aDescriptionTheBrCodeCannotHoldIsABadRequest() {
            startWithTheRealApplication();

            JsonNode problem = assertProblem(server.postJson("payments/pix",
                    "{\"value\": 10, \"description\": \"" + "x".repeat(200) + "\"}"), 400, "invalid_value");

            assertThat(problem.get("detail").asText()).startsWith("description must be at most");
        }

        @Test
        void decimalsAreReadExactlyAndUnknownFieldsIgnored() {
            startWithTheRealApplication();

            HttpResponse<String> response = server.postJson("payments/pix",
                    "{\"value\": 0.29, \"currency\": \"BRL\", \"items\": [1, 2]}");

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(json(response).get("payment").get("value").decimalValue()).isEqualTo(new BigDecimal("0.29"));
            assertThat(response.body()).contains("\"value\":0.29,");
        }

        @Test
        void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
            startWithTheRealApplication();

            HttpResponse<String> response = server.send(server.request("payments/pix")
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 10}")));

            assertProblem(response, 415, "unsupported_media_type");
        }

        @Test
        void aFormPostIsAnUnsupportedMediaType() {
            startWithTheRealApplication();

            HttpResponse<String> response = server.send(server.request("payments/pix")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("value=10")));

            assertProblem(response, 415, "unsupported_media_type");
        }
    }

    @Nested
    class AnOversizedBody {

        private final String oversized =
                "{\"value\": 10, \"description\": \"" + "x".repeat(RestApi.MAX_BODY_BYTES) + "\"}";

        @Test
        void isRefusedWith413() {
            startWithTheRealApplication();

            JsonNode problem = assertProblem(server.postJson("payments/pix", oversized), 413, "payload_too_large");

            assertThat(problem.get("detail").asText()).isEqualTo("the request body must be at most 65536 bytes");
        }

        @Test
        void isRefusedEvenWithoutAContentLength() {
            startWithTheRealApplication();
            byte[] body = oversized.getBytes(StandardCharsets.UTF_8);

            // A publisher of unknown length makes the client send the body chunked, with no Content-Length.
            HttpResponse<String> response = server.send(server.request("payments/pix/confirmation")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

            assertProblem(response, 413, "payload_too_large");
        }

        @Test
        void justUnderTheLimitIsRead() {
            startWithTheRealApplication();
            String padding = " ".repeat(RestApi.MAX_BODY_BYTES - "{\"value\": 10}".length());

            HttpResponse<String> response = server.postJson("payments/pix", "{\"value\": 10}" + padding);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    @Nested
    class ARequestJerseyCannotRoute {

        @Test
        void anUnknownUrlIsNotFound() {
            startWithTheRealApplication();

            assertProblem(server.get("nothing/here"), 404, "not_found");
        }

        @Test
        void anUnsupportedMethodIsNotAllowedAndListsTheAllowedOnes() {
            startWithTheRealApplication();

            HttpResponse<String> response = server.send(server.request("payments/pix/" + "A".repeat(25))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")));

            JsonNode problem = assertProblem(response, 405, "method_not_allowed");
            assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
                    allow -> assertThat(allow).contains("GET", "DELETE"));
            assertThat(problem.get("detail").asText()).contains("DELETE", "GET");
        }

        @Test
        void anAcceptHeaderNoRouteCanSatisfyIsNotAcceptable() {
            startWithTheRealApplication();

            HttpResponse<String> response = server.send(server.request("payments/pix/" + "A".repeat(25))
                    .header("Accept", "text/csv")
                    .GET());

            assertProblem(response, 406, "not_acceptable");
        }
    }

    /** Stands in for code elsewhere in the application (an auth filter, another adapter) that throws on purpose. */
    @Path("/elsewhere")
    public static final class ThrowingOnPurpose {

        @GET
        @Path("unauthorized")
        public String unauthorized() {
            throw new NotAuthorizedException("Bearer realm=\"pixflow\"");
        }

        @GET
        @Path("unavailable")
        public String unavailable() {
            throw new ServiceUnavailableException(30L);
        }
    }

    @Nested
    class AnHttpErrorThrownOnPurpose {

        @BeforeEach
        void start() {
            List<Object> components = new ArrayList<>(new PaymentApp().restApi().components());
            components.add(new ThrowingOnPurpose());
            server = TestServer.serving(components);
        }

        @Test
        void keepsItsStatusAndTheHeadersThatTellTheClientWhatToDo() {
            HttpResponse<String> response = server.get("elsewhere/unauthorized");

            assertProblem(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"pixflow\"");
        }

        @Test
        void aDeliberate503KeepsItsRetryAfter() {
            HttpResponse<String> response = server.get("elsewhere/unavailable");

            assertProblem(response, 503, "service_unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        }
    }

    @Nested
    class AFailureOnTheServersSide {

        private final FindPayment findPayment = mock(FindPayment.class);

        private void startWith(FindPayment failing) {
            RestApi api = new RestApi(mock(CreatePayment.class), failing, mock(ConfirmPayment.class),
                    mock(CancelPayment.class), mock(RenderQrCode.class), mock(ReceivePixTransfers.class),
                    new PaymentJson(Clock.systemUTC(), null), Map.of(), RestSecurity.sandbox(), Clock.systemUTC());
            server = TestServer.serving(api.components());
        }

        @Test
        void isA500WithAGenericMessageWhileTheStackTraceGoesToTheLog() {
            when(findPayment.byId(any(PaymentId.class)))
                    .thenThrow(new IllegalStateException("connection to db.internal:5432 refused"));
            startWith(findPayment);
            Logger log = (Logger) LoggerFactory.getLogger(ProblemMapper.class);
            ListAppender<ILoggingEvent> logged = new ListAppender<>();
            logged.start();
            log.addAppender(logged);
            try {
                HttpResponse<String> response = server.get("payments/pix/" + "A".repeat(25));

                JsonNode problem = assertProblem(response, 500, "internal_error");
                assertThat(response.body()).doesNotContain("db.internal", "IllegalState");
                assertThat(problem.get("detail").asText()).contains("logged");
                assertThat(logged.list).singleElement().satisfies(event -> {
                    assertThat(event.getLevel().toString()).isEqualTo("ERROR");
                    assertThat(event.getThrowableProxy().getMessage()).contains("db.internal:5432");
                    assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
                });
            } finally {
                log.detachAppender(logged);
            }
        }

        @Test
        void anUnavailableStoreIsA503ThatSaysWhenToRetry() {
            when(findPayment.byId(any(PaymentId.class)))
                    .thenThrow(new PaymentStoreUnavailableException("pool exhausted", null));
            startWith(findPayment);

            HttpResponse<String> response = server.get("payments/pix/" + "A".repeat(25));

            assertProblem(response, 503, "service_unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.body()).doesNotContain("pool exhausted");
        }
    }
}
