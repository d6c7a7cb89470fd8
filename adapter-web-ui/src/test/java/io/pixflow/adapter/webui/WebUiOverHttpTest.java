package io.pixflow.adapter.webui;

import static io.pixflow.adapter.webui.Payments.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resources on Jersey and Grizzly, beside a stand-in for the REST adapter's resource on the same path. */
class WebUiOverHttpTest {

    private static final String PENDING = "PendingPaymentAAAAAAAAAAA";
    private static final String PAID = "PaidPaymentBBBBBBBBBBBBBB";
    private static final String UNKNOWN = "UnknownPaymentCCCCCCCCCCC";
    private static final String STORE_DOWN = "StoreDownDDDDDDDDDDDDDDDD";
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static HttpServer server;
    private static URI base;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What the REST adapter declares on the same path; the page must not take its JSON clients away. */
    @Path("/payments/pix")
    public static final class RestStandIn {

        @GET
        @Path("{id}")
        @Produces("application/json;qs=0.9")
        public String payment(@PathParam("id") String id) {
            return "{\"from\":\"rest\"}";
        }
    }

    @BeforeAll
    static void startServer() {
        Payments payments = new Payments().with(Payments.pending(PENDING)).with(Payments.paid(PAID));
        FindPayment store = new FindPayment() {
            @Override
            public Optional<Payment> byId(PaymentId id) {
                if (id.value().equals(STORE_DOWN)) {
                    throw new PaymentStoreUnavailableException("database down", new SQLException("refused"));
                }
                return payments.byId(id);
            }

            @Override
            public Optional<Payment> byBankPaymentId(UUID bankPaymentId) {
                return payments.byBankPaymentId(bankPaymentId);
            }

            @Override
            public List<Payment> finalAmong(Collection<PaymentId> ids) {
                return payments.finalAmong(ids);
            }
        };
        WebUi webUi = new WebUi(store, Clock.fixed(CREATED.plusSeconds(60), ZoneOffset.UTC), new WebUiSettings(true));
        ResourceConfig config = new ResourceConfig()
                .registerInstances(webUi.components().toArray())
                .register(RestStandIn.class);
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
        base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort());
    }

    @AfterAll
    static void stopServer() {
        server.shutdownNow();
    }

    private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> getBytes(String rawPath, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + rawPath)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    @Nested
    class ThePaymentPage {

        @Test
        void aBrowserGetsTheHtmlPageOfThePayment() throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + PENDING, "Accept", BROWSER_ACCEPT);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "Content-Type")).isEqualToIgnoringCase("text/html;charset=UTF-8");
            Document page = Jsoup.parse(response.body());
            assertThat(page.getElementById("amount").text()).isEqualTo("R$ 1.500,00");
            assertThat(page.getElementById("sandbox-banner")).isNotNull();
        }

        @Test
        void isNeverStoredByCachesAndAllowsOnlyThisServersScripts() throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + PENDING, "Accept", BROWSER_ACCEPT);

            assertThat(header(response, "Cache-Control")).isEqualTo("no-store");
            assertThat(header(response, "Content-Security-Policy"))
                    .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(header(response, "Referrer-Policy")).isEqualTo("no-referrer");
        }

        @Test
        void aClientThatAcceptsAnythingGetsThePage() throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + PENDING, "Accept", "*/*");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "Content-Type")).startsWith("text/html");
        }

        @Test
        void aJsonClientOfTheSamePathStillGetsTheRestAdaptersAnswer() throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + PENDING, "Accept", "application/json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "Content-Type")).startsWith("application/json");
            assertThat(response.body()).isEqualTo("{\"from\":\"rest\"}");
        }

        @Test
        void anEnglishBrowserReadsPaymentApproved() throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + PAID,
                    "Accept", BROWSER_ACCEPT, "Accept-Language", "en-US,en;q=0.9,pt;q=0.5");

            Document page = Jsoup.parse(response.body());
            assertThat(page.select("section.panel:not([hidden]) h1").text()).isEqualTo("Payment approved");
        }

        @Test
        void aBrazilianBrowserReadsPagamentoAprovado() throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + PAID,
                    "Accept", BROWSER_ACCEPT, "Accept-Language", "pt-BR,pt;q=0.9,en;q=0.8");

            Document page = Jsoup.parse(response.body());
            assertThat(page.select("section.panel:not([hidden]) h1").text()).isEqualTo("Pagamento aprovado");
        }

        @Test
        void anUnknownPaymentGetsTheNotFoundPageWithStatus404() throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + UNKNOWN, "Accept", BROWSER_ACCEPT);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(header(response, "Content-Type")).startsWith("text/html");
            assertThat(Jsoup.parse(response.body()).getElementById("not-found").text())
                    .contains("Pagamento não encontrado");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "short", "PendingPaymentAAAAAAAAAAAA", "Pending-PaymentAAAAAAAAAA",
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E"})
        void anIdThatCannotNameAPaymentGetsTheSameNotFoundPage(String id) throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + id, "Accept", BROWSER_ACCEPT,
                    "Accept-Language", "en");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(Jsoup.parse(response.body()).select("h1").text()).isEqualTo("Payment not found");
            assertThat(response.body()).doesNotContain("<script>alert");
        }

        @Test
        void whenTheStoreIsDownThePayerIsAskedToRetryWithoutAStackTrace() throws Exception {
            HttpResponse<String> response = get("/payments/pix/" + STORE_DOWN, "Accept", BROWSER_ACCEPT);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(header(response, "Retry-After")).isEqualTo("5");
            assertThat(Jsoup.parse(response.body()).getElementById("unavailable").text()).contains("Tente novamente");
            assertThat(response.body()).doesNotContain("Exception", "database down", "refused");
        }
    }

    @Nested
    class StaticAssets {

        private String linked(String selector, String attribute) throws Exception {
            Document page = Jsoup.parse(get("/payments/pix/" + PENDING, "Accept", BROWSER_ACCEPT).body());
            return page.select(selector).attr(attribute);
        }

        @Test
        void theStylesThePageLinksAreServedForAYear() throws Exception {
            HttpResponse<byte[]> response = getBytes(linked("link[rel=stylesheet]", "href"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "Content-Type")).isEqualToIgnoringCase("text/css;charset=utf-8");
            assertThat(header(response, "Cache-Control")).contains("public", "max-age=31536000", "immutable");
            assertThat(header(response, "ETag")).isNotEmpty();
            assertThat(response.body()).isEqualTo(classpath("pixflow.css"));
        }

        @Test
        void theScriptThePageLinksIsServedAsJavaScript() throws Exception {
            HttpResponse<byte[]> response = getBytes(linked("script[src]", "src"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "Content-Type")).isEqualToIgnoringCase("text/javascript;charset=utf-8");
            assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.body()).isEqualTo(classpath("pixflow.js"));
        }

        @Test
        void thePlainNameIsServedButCachedOnlyBriefly() throws Exception {
            HttpResponse<byte[]> response = getBytes("/static/pixflow.js");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "Cache-Control")).isEqualTo("public, max-age=300");
        }

        @Test
        void aBrowserRevalidatingItsCopyGets304() throws Exception {
            String url = linked("link[rel=stylesheet]", "href");
            String etag = header(getBytes(url), "ETag");

            HttpResponse<byte[]> response = getBytes(url, "If-None-Match", etag);

            assertThat(response.statusCode()).isEqualTo(304);
            assertThat(response.body()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "/static/nope.js",
                "/static/pixflow.0000000000.js",
                "/static/..%2Ftemplates%2Fpayment.ftlh",
                "/static/%2e%2e%2f%2e%2e%2fWebUi.class",
                "/static/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                "/static/..%5C..%5Cmessages_en.properties",
                "/static/pixflow.js%00.png",
                "/static/static%2Fpixflow.js",
                "/static/",
        })
        void anythingButAListedAssetIsNotFound(String rawPath) throws Exception {
            HttpResponse<byte[]> response = getBytes(rawPath);

            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    private static byte[] classpath(String name) throws IOException {
        try (InputStream in = WebUi.class.getResourceAsStream("static/" + name)) {
            return in.readAllBytes();
        }
    }
}
