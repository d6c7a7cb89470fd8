package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web UI declares its page on the same {@code @Path("/payments/pix")} as the API; Jersey merges the two root
 * resources and picks the method by the Accept header and each method's quality.
 */
class ContentNegotiationTest {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    /** Stands in for the web UI's page resource, declared as the web-ui module declares it. */
    @Path("/payments/pix")
    public static final class HtmlPaymentPage {

        @GET
        @Path("{id}")
        @Produces("text/html;qs=1")
        public String page(@PathParam("id") String id) {
            return "<!doctype html><title>payment " + id + "</title>";
        }
    }

    private final PaymentApp app = new PaymentApp();
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void startWithThePage() {
        List<Object> components = new ArrayList<>(app.restApi().components());
        components.add(new HtmlPaymentPage());
        server = TestServer.serving(components);
    }

    private String createPayment() {
        return json(server.postJson("payments/pix", "{\"value\": 1500}")).get("payment").get("id").asText();
    }

    private HttpResponse<String> getPayment(String id, String accept) {
        var request = server.request("payments/pix/" + id).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return server.send(request);
    }

    @Test
    void aJsonClientGetsThePaymentResource() {
        startWithThePage();
        String id = createPayment();

        HttpResponse<String> response = getPayment(id, "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response).get("id").asText()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {BROWSER_ACCEPT, "text/html", "*/*"})
    void browsersAndClientsThatAcceptAnythingGetThePage(String accept) {
        startWithThePage();
        String id = createPayment();

        HttpResponse<String> response = getPayment(id, accept);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("payment " + id);
    }

    @Test
    void withoutAnAcceptHeaderThePageWins() {
        startWithThePage();
        String id = createPayment();

        assertThat(getPayment(id, null).body()).startsWith("<!doctype html>");
    }

    @Test
    void theRestOfTheApiStillAnswersBesideThePage() {
        startWithThePage();
        String id = createPayment();

        assertThat(server.delete("payments/pix/" + id).statusCode()).isEqualTo(200);
        assertThat(server.send(server.request("payments/pix/" + id + "/qr.png").GET()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void withoutThePageAnHtmlOnlyClientIsToldNothingAcceptableExists() {
        server = TestServer.serving(app.restApi().components());
        String id = createPayment();

        HttpResponse<String> response = getPayment(id, "text/html");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asText()).isEqualTo("not_acceptable");
    }
}
