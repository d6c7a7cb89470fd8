package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.PaymentId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** A live-mode server on the real use cases, with two webhook secrets (one being rotated out) and two API keys. */
final class LiveMode implements AutoCloseable {

    static final String OLD_SECRET = "whsec_old_4f9d2a7c1e";
    static final String NEW_SECRET = "whsec_new_8b3e6f0d5a";
    static final String API_KEY = "pk_live_first_0123456789";
    static final String OTHER_API_KEY = "pk_live_second_9876543210";

    final PaymentApp app;
    final TestServer server;

    private LiveMode(PaymentApp app, TestServer server) {
        this.app = app;
        this.server = server;
    }

    static LiveMode start() {
        return start(new PaymentApp());
    }

    static LiveMode start(PaymentApp app) {
        RestSecurity security = RestSecurity.live(List.of(OLD_SECRET, NEW_SECRET), List.of(API_KEY, OTHER_API_KEY));
        return new LiveMode(app, TestServer.serving(app.restApi(security).components()));
    }

    long now() {
        return app.clock.instant().getEpochSecond();
    }

    /** A pending payment of R$ 1500.00, created with an API key. */
    JsonNode createPayment() {
        HttpResponse<String> response = server.send(server.request("payments/pix")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 1500}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("payment");
    }

    String statusOf(JsonNode payment) {
        return app.payments.byId(new PaymentId(payment.get("id").asText()))
                .orElseThrow().status().name();
    }

    /** POSTs {@code body} as JSON with the given signature header, or none when {@code signature} is null. */
    HttpResponse<String> post(String path, String body, String signature) {
        HttpRequest.Builder request = server.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Pixflow-Signature", signature);
        }
        return server.send(request);
    }

    @Override
    public void close() {
        server.close();
    }
}
