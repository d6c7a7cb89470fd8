package io.pixflow.adapter.webui;

import static io.pixflow.adapter.webui.Payments.CREATED;
import static io.pixflow.adapter.webui.Payments.EXPIRES;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.Payment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The FreeMarker templates rendered for each state, read back as HTML. */
class PaymentPageRenderingTest {

    private static final String ID = "Ab3dE5gH7jK9mN1pQ3sT5vX7z";
    private static final Instant ONE_MINUTE_IN = CREATED.plusSeconds(60);

    private static final Pages SANDBOX = pages(true);
    private static final Pages LIVE = pages(false);

    private static Pages pages(boolean sandbox) {
        return new Pages(new Messages(), new StaticAssets().urls(), sandbox);
    }

    private static Document render(Pages pages, Payment payment, Instant now, Language language) {
        PaymentView view = PaymentView.from(payment, language, Clock.fixed(now, ZoneOffset.UTC));
        return Jsoup.parse(pages.payment(view, language));
    }

    private static Document render(Payment payment, Instant now) {
        return render(LIVE, payment, now, Language.PORTUGUESE);
    }

    private static Element visiblePanel(Document page) {
        List<Element> visible = page.select("section.panel:not([hidden])");
        assertThat(visible).as("exactly one visible panel").hasSize(1);
        return visible.get(0);
    }

    @Nested
    class WhenPending {

        private final Document page = render(Payments.pending(ID, "1500.00", "Pedido 123"), ONE_MINUTE_IN);

        @Test
        void showsTheAmountTheBrazilianWay() {
            assertThat(page.getElementById("amount").text()).isEqualTo("R$ 1.500,00");
        }

        @Test
        void showsTheQrCodeImageOfThisPayment() {
            Element qr = page.getElementById("qr-code");

            assertThat(qr.attr("src")).isEqualTo("/payments/pix/" + ID + "/qr.png");
            assertThat(qr.attr("alt")).isNotBlank();
        }

        @Test
        void offersTheBrCodeInAReadOnlyFieldWithACopyButton() {
            Element field = page.getElementById("pix-copy-paste");

            assertThat(field.hasAttr("readonly")).isTrue();
            assertThat(field.wholeText()).isEqualTo(Payments.pending(ID).brCode());
            assertThat(page.getElementById("copy-button").text()).isEqualTo("Copiar código");
        }

        @Test
        void countsDownFromWhatIsLeftAtRenderTime() {
            Element countdown = page.getElementById("countdown");

            assertThat(countdown.text()).isEqualTo("29:00");
            assertThat(countdown.attr("data-ms-left")).isEqualTo("1740000");
            assertThat(countdown.attr("datetime")).isEqualTo("2026-03-10T14:30:00Z");
        }

        @Test
        void isThePendingPanelWithTheFinalOnesReadyButHidden() {
            assertThat(visiblePanel(page).id()).isEqualTo("status-pending");
            assertThat(page.getElementById("status-paid").hasAttr("hidden")).isTrue();
            assertThat(page.getElementById("status-paid").text()).contains("Pagamento aprovado");
            assertThat(page.getElementById("status-expired").hasAttr("hidden")).isTrue();
            assertThat(page.getElementById("status-cancelled").hasAttr("hidden")).isTrue();
        }

        @Test
        void tellsTheScriptWhereToFollowThePayment() {
            Element root = page.getElementById("payment");

            assertThat(root.attr("data-status")).isEqualTo("PENDING");
            assertThat(root.attr("data-ws-path")).isEqualTo("/ws/payments/" + ID);
            assertThat(root.attr("data-json-url")).isEqualTo("/payments/pix/" + ID);
            assertThat(page.select("script[src]").attr("src")).matches("/static/pixflow\\.[0-9a-f]{10}\\.js");
        }

        @Test
        void isReadableOnAPhone() {
            assertThat(page.select("meta[name=viewport]").attr("content")).contains("width=device-width");
            assertThat(page.select("link[rel=stylesheet]").attr("href")).matches("/static/pixflow\\.[0-9a-f]{10}\\.css");
        }

        @Test
        void showsTheDescription() {
            assertThat(page.getElementById("description").text()).isEqualTo("Pedido 123");
        }
    }

    @Test
    void aDescriptionWithMarkupIsShownAsTextNotRunAsScript() {
        String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";
        Payment payment = Payments.pending(ID, "1500.00", hostile);

        PaymentView view = PaymentView.from(payment, Language.PORTUGUESE, Clock.fixed(CREATED, ZoneOffset.UTC));
        String html = LIVE.payment(view, Language.PORTUGUESE);

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        Document page = Jsoup.parse(html);
        assertThat(page.getElementById("description").text()).isEqualTo(hostile);
        assertThat(page.select("script")).allMatch(script -> script.hasAttr("src"));
    }

    @Nested
    class WhenFinal {

        @Test
        void aPaidPaymentSaysPagamentoAprovado() {
            Document page = render(Payments.paid(ID), ONE_MINUTE_IN);

            assertThat(visiblePanel(page).id()).isEqualTo("status-paid");
            assertThat(visiblePanel(page).select("h1").text()).isEqualTo("Pagamento aprovado");
            assertThat(visiblePanel(page).text()).contains("R$ 1.500,00");
            assertThat(page.getElementById("payment").attr("data-status")).isEqualTo("PAID");
            assertThat(page.title()).startsWith("Pagamento aprovado");
        }

        @Test
        void aPaidPaymentStaysPaidLongAfterItsExpiry() {
            Document page = render(Payments.paid(ID), EXPIRES.plusSeconds(3600));

            assertThat(visiblePanel(page).id()).isEqualTo("status-paid");
        }

        @Test
        void anExpiredPaymentSaysSoAndOffersNoQrCode() {
            Document page = render(Payments.expired(ID), EXPIRES);

            assertThat(visiblePanel(page).id()).isEqualTo("status-expired");
            assertThat(visiblePanel(page).select("h1").text()).isEqualTo("Pagamento expirado");
            assertThat(page.getElementById("qr-code")).isNull();
            assertThat(page.getElementById("pix-copy-paste")).isNull();
        }

        @Test
        void aPendingPaymentPastItsTimeIsShownExpiredBeforeAnySweeperRuns() {
            Document page = render(Payments.pending(ID), EXPIRES);

            assertThat(visiblePanel(page).id()).isEqualTo("status-expired");
            assertThat(page.getElementById("qr-code")).isNull();
        }

        @Test
        void aCancelledPaymentSaysSo() {
            Document page = render(Payments.cancelled(ID), ONE_MINUTE_IN);

            assertThat(visiblePanel(page).id()).isEqualTo("status-cancelled");
            assertThat(visiblePanel(page).select("h1").text()).isEqualTo("Pagamento cancelado");
        }

        @Test
        void aFinalPageLoadsNoScriptSinceNothingWillChange() {
            assertThat(render(Payments.paid(ID), ONE_MINUTE_IN).select("script")).isEmpty();
        }
    }

    @Nested
    class InEnglish {

        @Test
        void aPendingPageIsInEnglishWithEnglishAmounts() {
            Document page = render(LIVE, Payments.pending(ID), ONE_MINUTE_IN, Language.ENGLISH);

            assertThat(page.select("html").attr("lang")).isEqualTo("en");
            assertThat(page.getElementById("amount").text()).isEqualTo("R$1,500.00");
            assertThat(page.getElementById("copy-button").text()).isEqualTo("Copy code");
            assertThat(page.getElementById("status-paid").text()).contains("Payment approved");
        }

        @Test
        void aPaidPageSaysPaymentApproved() {
            Document page = render(LIVE, Payments.paid(ID), ONE_MINUTE_IN, Language.ENGLISH);

            assertThat(visiblePanel(page).select("h1").text()).isEqualTo("Payment approved");
        }

        @Test
        void portugueseIsTheDefaultLanguageOfThePage() {
            assertThat(render(Payments.pending(ID), ONE_MINUTE_IN).select("html").attr("lang")).isEqualTo("pt-BR");
        }
    }

    @Nested
    class SandboxMode {

        @Test
        void showsABannerAndASimulateButtonThatKnowsWhatToConfirm() {
            Payment payment = Payments.pending(ID, "1500.00", null);
            Document page = render(SANDBOX, payment, ONE_MINUTE_IN, Language.PORTUGUESE);

            assertThat(page.getElementById("sandbox-banner").text()).contains("SANDBOX");
            Element simulate = page.getElementById("simulate-payment");
            assertThat(simulate.text()).isEqualTo("Simular pagamento");
            assertThat(simulate.attr("data-bank-payment-id")).isEqualTo(payment.bankPaymentId().toString());
            assertThat(simulate.attr("data-value")).isEqualTo("1500.00");
            assertThat(simulate.attr("data-confirmation-url")).isEqualTo("/payments/pix/confirmation");
        }

        @Test
        void theSimulateButtonSpeaksEnglishToo() {
            Document page = render(SANDBOX, Payments.pending(ID), ONE_MINUTE_IN, Language.ENGLISH);

            assertThat(page.getElementById("simulate-payment").text()).isEqualTo("Simulate payment");
        }

        @Test
        void aFinalPaymentHasTheBannerButNothingToSimulate() {
            Document page = render(SANDBOX, Payments.paid(ID), ONE_MINUTE_IN, Language.PORTUGUESE);

            assertThat(page.getElementById("sandbox-banner")).isNotNull();
            assertThat(page.getElementById("simulate-payment")).isNull();
        }

        @Test
        void liveModeHasNeitherBannerNorButton() {
            Document page = render(LIVE, Payments.pending(ID), ONE_MINUTE_IN, Language.PORTUGUESE);

            assertThat(page.getElementById("sandbox-banner")).isNull();
            assertThat(page.getElementById("simulate-payment")).isNull();
            assertThat(page.text()).doesNotContain("SANDBOX");
        }
    }

    @Nested
    class ErrorPages {

        @Test
        void theNotFoundPageSaysSoInEitherLanguage() {
            assertThat(Jsoup.parse(LIVE.notFound(Language.PORTUGUESE)).select("h1").text())
                    .isEqualTo("Pagamento não encontrado");
            assertThat(Jsoup.parse(LIVE.notFound(Language.ENGLISH)).select("h1").text())
                    .isEqualTo("Payment not found");
        }

        @Test
        void theUnavailablePageAsksToTryAgain() {
            assertThat(Jsoup.parse(LIVE.unavailable(Language.PORTUGUESE)).text()).contains("Tente novamente");
        }
    }

    /** The page's CSP allows only this server's files: anything inline would be blocked by the browser. */
    @ParameterizedTest
    @EnumSource(Language.class)
    void noPageCarriesInlineScriptStyleOrEventHandlers(Language language) {
        List<String> pages = List.of(
                SANDBOX.payment(PaymentView.from(Payments.pending(ID, "1.00", "x"), language,
                        Clock.fixed(CREATED, ZoneOffset.UTC)), language),
                SANDBOX.payment(PaymentView.from(Payments.paid(ID), language,
                        Clock.fixed(CREATED, ZoneOffset.UTC)), language),
                SANDBOX.notFound(language),
                SANDBOX.unavailable(language));

        for (String html : pages) {
            Document page = Jsoup.parse(html);
            assertThat(page.select("style")).isEmpty();
            assertThat(page.select("[style]")).isEmpty();
            assertThat(page.select("script:not([src])")).isEmpty();
            assertThat(page.getAllElements())
                    .allSatisfy(element -> assertThat(element.attributes().asList())
                            .noneMatch(attribute -> attribute.getKey().startsWith("on")));
        }
    }
}
