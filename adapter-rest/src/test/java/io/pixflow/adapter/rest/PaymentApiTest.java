package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.pix.BrCode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The demo's flow over real HTTP, backed by the real PaymentService. */
class PaymentApiTest {

    private final PaymentApp app = new PaymentApp();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.serving(app.restApi().components());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode create(String body) {
        HttpResponse<String> response = server.postJson("payments/pix", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("payment");
    }

    private HttpResponse<String> confirm(JsonNode payment, String value) {
        return server.postJson("payments/pix/confirmation",
                "{\"bank_payment_id\": \"" + payment.get("bank_payment_id").asText() + "\", \"value\": " + value + "}");
    }

    private JsonNode find(JsonNode payment) {
        HttpResponse<String> response = server.get("payments/pix/" + payment.get("id").asText());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("message").asText()).isEqualTo(problem.get("detail").asText()).isNotBlank();
    }

    @Nested
    class Creating {

        @Test
        void createsAPaymentWithTheDemosAnswerAndEveryFieldOfTheResource() {
            HttpResponse<String> response = server.postJson("payments/pix", "{\"value\": 1500}");

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode body = json(response);
            assertThat(body.get("message").asText()).isEqualTo("The payment has been created");
            JsonNode payment = body.get("payment");
            String id = payment.get("id").asText();
            String bankPaymentId = payment.get("bank_payment_id").asText();
            assertThat(PaymentId.isWellFormed(id)).isTrue();
            assertThat(UUID.fromString(bankPaymentId).toString()).isEqualTo(bankPaymentId);
            assertThat(response.headers().firstValue("Location")).hasValue(server.base() + "payments/pix/" + id);
            assertThat(response.body()).contains("\"value\":1500.00");
            assertThat(payment.get("value").isNumber()).isTrue();
            assertThat(payment.get("value").decimalValue()).isEqualTo(new BigDecimal("1500.00"));
            assertThat(payment.get("paid").isBoolean()).isTrue();
            assertThat(payment.get("paid").asBoolean()).isFalse();
            assertThat(payment.get("status").asText()).isEqualTo("PENDING");
            assertThat(payment.get("qr_code").asText()).isEqualTo("qr_code_payment_" + bankPaymentId);
            assertThat(payment.get("qr_code_url").asText())
                    .isEqualTo(server.base() + "payments/pix/qr_code/qr_code_payment_" + bankPaymentId);
            assertThat(payment.get("page_url").asText()).isEqualTo(server.base() + "payments/pix/" + id);
            assertThat(payment.get("created_at").asText()).isEqualTo("2026-11-29T04:35:00Z");
            assertThat(payment.get("expires_at").asText()).isEqualTo("2026-11-29T05:05:00Z");
            assertThat(payment.get("paid_at").isNull()).isTrue();
            assertThat(payment.get("expiration_date").asText()).isEqualTo("Sun, 29 Nov 2026 05:05:00 GMT");
            assertThat(payment.get("description").isNull()).isTrue();
            BrCode brCode = BrCode.parse(payment.get("pix_copy_paste").asText());
            assertThat(brCode.txid()).isEqualTo(id);
            assertThat(brCode.amount()).hasValueSatisfying(amount -> assertThat(amount.toPlainString())
                    .isEqualTo("1500.00"));
        }

        @Test
        void honoursTheRequestedLifetimeAndDescription() {
            JsonNode payment = create("{\"value\": 10.5, \"expires_in\": 3600, \"description\": \"Pedido 123\"}");

            assertThat(payment.get("value").decimalValue()).isEqualTo(new BigDecimal("10.50"));
            assertThat(payment.get("expires_at").asText()).isEqualTo("2026-11-29T05:35:00Z");
            assertThat(payment.get("expiration_date").asText()).isEqualTo("Sun, 29 Nov 2026 05:35:00 GMT");
            assertThat(payment.get("description").asText()).isEqualTo("Pedido 123");
            assertThat(BrCode.parse(payment.get("pix_copy_paste").asText()).description()).hasValue("Pedido 123");
        }

        @Test
        void aRetryWithTheSameIdempotencyKeyReturnsThePaymentAlreadyCreated() {
            HttpRequest.Builder request = server.request("payments/pix")
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "order-42")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 99.90}"));

            HttpResponse<String> first = server.send(request);
            HttpResponse<String> retry = server.send(request);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(json(retry).get("payment").get("id")).isEqualTo(json(first).get("payment").get("id"));
        }

        @Test
        void theSameIdempotencyKeyWithADifferentRequestIsRefused() {
            HttpRequest.Builder request = server.request("payments/pix")
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "order-43");
            server.send(request.POST(HttpRequest.BodyPublishers.ofString("{\"value\": 10}")));

            HttpResponse<String> other = server.send(
                    request.POST(HttpRequest.BodyPublishers.ofString("{\"value\": 20}")));

            assertProblem(other, 422, "idempotency_key_reused");
        }

        @Test
        void aMalformedIdempotencyKeyIsABadRequest() {
            HttpResponse<String> response = server.send(server.request("payments/pix")
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "with space")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 10}")));

            assertProblem(response, 400, "invalid_value");
            assertThat(json(response).get("detail").asText()).contains("Idempotency-Key");
        }
    }

    @Nested
    class Reading {

        @Test
        void readsThePaymentAsJson() {
            JsonNode created = create("{\"value\": 1500}");

            HttpResponse<String> response = server.get("payments/pix/" + created.get("id").asText());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(json(response)).isEqualTo(created);
        }

        @Test
        void aPendingPaymentPastItsTimeReadsExpiredBeforeAnySweeperRuns() {
            JsonNode created = create("{\"value\": 1500}");
            app.clock.advance(Duration.ofMinutes(30));

            assertThat(find(created).get("status").asText()).isEqualTo("EXPIRED");
        }

        @Test
        void anUnknownIdIsNotFound() {
            assertProblem(server.get("payments/pix/" + "A".repeat(25)), 404, "payment_not_found");
        }

        @Test
        void aMalformedIdIsNotFoundLikeAnUnknownOne() {
            HttpResponse<String> response = server.get("payments/pix/1");

            assertProblem(response, 404, "payment_not_found");
            assertThat(json(response).get("detail").asText()).isEqualTo("no payment with that id");
        }
    }

    @Nested
    class Confirming {

        @Test
        void confirmsWithTheDemosMessageAndThePaidPayment() {
            JsonNode created = create("{\"value\": 1500}");
            app.clock.advance(Duration.ofMinutes(5));

            HttpResponse<String> response = confirm(created, "1500.00");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode body = json(response);
            assertThat(body.get("message").asText()).isEqualTo("The payment has been confirmed");
            assertThat(body.get("payment").get("paid").asBoolean()).isTrue();
            assertThat(body.get("payment").get("status").asText()).isEqualTo("PAID");
            assertThat(body.get("payment").get("paid_at").asText()).isEqualTo("2026-11-29T04:40:00Z");
            assertThat(find(created).get("status").asText()).isEqualTo("PAID");
        }

        @Test
        void aRepeatedConfirmationSucceedsAgain() {
            JsonNode created = create("{\"value\": 1500}");
            confirm(created, "1500");

            HttpResponse<String> again = confirm(created, "1500");

            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json(again).get("payment").get("status").asText()).isEqualTo("PAID");
        }

        @Test
        void aWrongAmountIsRefusedAndLeavesThePaymentPending() {
            JsonNode created = create("{\"value\": 1500}");

            HttpResponse<String> response = confirm(created, "1499.99");

            assertProblem(response, 422, "amount_mismatch");
            assertThat(json(response).get("detail").asText()).contains("1500.00", "1499.99");
            assertThat(find(created).get("status").asText()).isEqualTo("PENDING");
        }

        @Test
        void anUnknownBankPaymentIdIsNotFound() {
            HttpResponse<String> response = server.postJson("payments/pix/confirmation",
                    "{\"bank_payment_id\": \"" + UUID.randomUUID() + "\", \"value\": 10}");

            assertProblem(response, 404, "payment_not_found");
        }

        @Test
        void aBankPaymentIdThatIsNotAUuidIsABadRequest() {
            HttpResponse<String> response = server.postJson("payments/pix/confirmation",
                    "{\"bank_payment_id\": \"1-2-3-4-5\", \"value\": 10}");

            assertProblem(response, 400, "invalid_value");
            assertThat(json(response).get("detail").asText()).startsWith("bank_payment_id must be a UUID");
        }

        @Test
        void aMissingBankPaymentIdIsABadRequest() {
            HttpResponse<String> response = server.postJson("payments/pix/confirmation", "{\"value\": 10}");

            assertProblem(response, 400, "invalid_value");
            assertThat(json(response).get("detail").asText()).isEqualTo("bank_payment_id is required");
        }

        @Test
        void aCancelledPaymentCannotBeConfirmed() {
            JsonNode created = create("{\"value\": 1500}");
            server.delete("payments/pix/" + created.get("id").asText());

            assertProblem(confirm(created, "1500"), 409, "payment_cancelled");
        }

        @Test
        void anExpiredPaymentCannotBeConfirmed() {
            JsonNode created = create("{\"value\": 1500}");
            app.clock.advance(Duration.ofMinutes(30));

            assertProblem(confirm(created, "1500"), 410, "payment_expired");
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsAPendingPaymentAndAnswersTheResource() {
            JsonNode created = create("{\"value\": 1500}");

            HttpResponse<String> response = server.delete("payments/pix/" + created.get("id").asText());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("id")).isEqualTo(created.get("id"));
            assertThat(json(response).get("status").asText()).isEqualTo("CANCELLED");
            assertThat(find(created).get("status").asText()).isEqualTo("CANCELLED");
        }

        @Test
        void aPaidPaymentCannotBeCancelled() {
            JsonNode created = create("{\"value\": 1500}");
            confirm(created, "1500");

            assertProblem(server.delete("payments/pix/" + created.get("id").asText()), 409, "payment_already_paid");
        }

        @Test
        void anUnknownPaymentCannotBeCancelled() {
            assertProblem(server.delete("payments/pix/" + "b".repeat(25)), 404, "payment_not_found");
        }
    }
}
