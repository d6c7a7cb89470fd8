package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthResourceTest {

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> healthWith(Map<String, BooleanSupplier> checks) {
        server = TestServer.serving(new PaymentApp().restApi(checks).components());
        return server.get("health");
    }

    @Test
    void isUpWhenEveryCheckPasses() {
        HttpResponse<String> response = healthWith(Map.of("database", () -> true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\"}}");
    }

    @Test
    void isA503NamingTheFailedCheckWhenOneFails() {
        HttpResponse<String> response = healthWith(Map.of("database", () -> false, "disk", () -> true));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"database\":\"DOWN\",\"disk\":\"UP\"}}");
    }

    @Test
    void aCheckThatThrowsCountsAsDownWithoutLeakingWhy() {
        HttpResponse<String> response = healthWith(Map.of("database", () -> {
            throw new IllegalStateException("password authentication failed for user pixflow");
        }));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("checks").get("database").asText()).isEqualTo("DOWN");
        assertThat(response.body()).doesNotContain("password");
    }
}
