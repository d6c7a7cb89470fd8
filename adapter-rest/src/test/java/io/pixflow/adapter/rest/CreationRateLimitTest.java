package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creation is limited per client address, by a bucket of {@code burst} tokens refilled at {@code perSecond}. */
class CreationRateLimitTest {

    private static final String CLIENT_HEADER = "X-Test-Client-Address";

    /** Stands in for bootstrap's filter, which takes the address from Grizzly; here the test names it. */
    @PreMatching
    public static final class ClientAddressFromHeader implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            String address = request.getHeaderString(CLIENT_HEADER);
            if (address != null) {
                request.setProperty(RestApi.CLIENT_ADDRESS_PROPERTY, address);
            }
        }
    }

    private final PaymentApp app = new PaymentApp();
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(RestSecurity security) {
        List<Object> components = new ArrayList<>(app.restApi(security).components());
        components.add(new ClientAddressFromHeader());
        server = TestServer.serving(components);
    }

    private HttpResponse<String> createFrom(String address, String authorization) {
        HttpRequest.Builder request = server.request("payments/pix")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 10}"));
        if (address != null) {
            request.header(CLIENT_HEADER, address);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request);
    }

    private HttpResponse<String> createFrom(String address) {
        return createFrom(address, null);
    }

    private void spendTheBurst(String address, int burst) {
        for (int i = 0; i < burst; i++) {
            HttpResponse<String> response = createFrom(address);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    @Test
    void theCreationAfterTheBurstIsTooManyAndSaysWhenToRetry() {
        start(RestSecurity.sandbox().withCreationRateLimit(new RateLimit(1, 3)));
        spendTheBurst("203.0.113.7", 3);

        HttpResponse<String> response = createFrom("203.0.113.7");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("code").asText()).isEqualTo("rate_limited");
        assertThat(problem.get("detail").asText()).contains("retry in 1 s");
    }

    @Test
    void anotherAddressIsUnaffected() {
        start(RestSecurity.sandbox().withCreationRateLimit(new RateLimit(1, 3)));
        spendTheBurst("203.0.113.7", 3);

        assertThat(createFrom("198.51.100.20").statusCode()).isEqualTo(201);
        assertThat(createFrom("203.0.113.7").statusCode()).isEqualTo(429);
    }

    @Test
    void theAllowanceComesBackWithTime() {
        start(RestSecurity.sandbox().withCreationRateLimit(new RateLimit(2, 3)));
        spendTheBurst("203.0.113.7", 3);
        assertThat(createFrom("203.0.113.7").statusCode()).isEqualTo(429);

        app.clock.advance(Duration.ofMillis(500));

        assertThat(createFrom("203.0.113.7").statusCode()).isEqualTo(201);
        assertThat(createFrom("203.0.113.7").statusCode()).isEqualTo(429);
    }

    @Test
    void aSlowRateAsksForALongerWait() {
        start(RestSecurity.sandbox().withCreationRateLimit(new RateLimit(0.1, 1)));
        spendTheBurst("203.0.113.7", 1);
        app.clock.advance(Duration.ofMillis(2500));

        assertThat(createFrom("203.0.113.7").headers().firstValue("Retry-After")).hasValue("8");
    }

    @Test
    void withoutAKnownAddressAllClientsShareOneAllowance() {
        start(RestSecurity.sandbox().withCreationRateLimit(new RateLimit(1, 2)));
        spendTheBurst(null, 2);

        assertThat(createFrom(null).statusCode()).isEqualTo(429);
        assertThat(createFrom("203.0.113.7").statusCode()).isEqualTo(201);
    }

    @Test
    void onlyCreationIsLimited() {
        start(RestSecurity.sandbox().withCreationRateLimit(new RateLimit(1, 1)));
        JsonNode payment = json(createFrom("203.0.113.7")).get("payment");
        assertThat(createFrom("203.0.113.7").statusCode()).isEqualTo(429);

        HttpResponse<String> read = server.send(server.request("payments/pix/" + payment.get("id").asText())
                .header("Accept", "application/json").header(CLIENT_HEADER, "203.0.113.7").GET());
        HttpResponse<String> confirmed = server.send(server.request("payments/pix/confirmation")
                .header("Content-Type", "application/json").header(CLIENT_HEADER, "203.0.113.7")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bank_payment_id\": \""
                        + payment.get("bank_payment_id").asText() + "\", \"value\": 10}")));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(confirmed.statusCode()).isEqualTo(200);
    }

    @Test
    void inLiveModeAttemptsWithWrongKeysCountSoGuessingKeysIsThrottled() {
        start(RestSecurity.live(List.of(LiveMode.NEW_SECRET), List.of(LiveMode.API_KEY))
                .withCreationRateLimit(new RateLimit(1, 3)));
        for (int i = 0; i < 3; i++) {
            assertThat(createFrom("203.0.113.7", "Bearer guess-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> withTheRightKey = createFrom("203.0.113.7", "Bearer " + LiveMode.API_KEY);

        assertThat(withTheRightKey.statusCode()).isEqualTo(429);
        assertThat(createFrom("198.51.100.20", "Bearer " + LiveMode.API_KEY).statusCode()).isEqualTo(201);
    }

    @Test
    void theDefaultAllowsABurstOfFifty() {
        start(RestSecurity.sandbox());
        spendTheBurst("203.0.113.7", 50);

        assertThat(createFrom("203.0.113.7").statusCode()).isEqualTo(429);
    }
}
