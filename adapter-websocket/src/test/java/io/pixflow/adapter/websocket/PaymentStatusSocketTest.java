package io.pixflow.adapter.websocket;

import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentStatus;
import io.pixflow.payment.domain.port.in.FindPayment;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PaymentStatusSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CONFIRMED_AT = Instant.parse("2026-11-29T12:05:00Z");
    private static final BiFunction<Payment, URI, String> PAYMENT_JSON = (payment, base) ->
            "{\"id\":\"" + payment.id() + "\",\"status\":\"" + payment.status() + "\",\"page_url\":\""
                    + base.resolve("payments/pix/" + payment.id()) + "\"}";

    private final Map<PaymentId, Payment> stored = new ConcurrentHashMap<>();
    private final FakePayments payments = new FakePayments(id -> Optional.ofNullable(stored.get(id)));
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor();
    private final PaymentNotifier notifier = new PaymentNotifier(deliveries, DeliveryObserver.NONE);
    private final ClientManager client = ClientManager.createClient();
    private PaymentStatusSocket socket;
    private TyrusTestServer server;

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
        client.shutdown();
        deliveries.shutdownNow();
    }

    private void start(WebSocketSettings settings) throws Exception {
        socket = new PaymentStatusSocket(payments, notifier, PAYMENT_JSON, settings);
        server = TyrusTestServer.start(socket.endpointConfig());
    }

    private Payment stored(Payment payment) {
        stored.put(payment.id(), payment);
        return payment;
    }

    private RecordingClient connect(String path) throws Exception {
        return connect(path, ClientEndpointConfig.Builder.create().build());
    }

    private RecordingClient connect(String path, ClientEndpointConfig config) throws Exception {
        RecordingClient recorder = new RecordingClient();
        client.connectToServer(recorder, config, server.uri(path));
        return recorder;
    }

    private RecordingClient watch(Payment payment) throws Exception {
        RecordingClient recorder = connect("/ws/payments/" + payment.id());
        assertThat(type(recorder.nextMessage())).isEqualTo("snapshot");
        return recorder;
    }

    private static Payment confirmed(Payment payment) {
        return payment.confirm(payment.amount(), CONFIRMED_AT);
    }

    private static String type(String message) throws Exception {
        return JSON.readTree(message).path("type").asText();
    }

    @Nested
    class OnOpen {

        @Test
        void sendsASnapshotOfThePaymentAsJsonWithLinksToTheHostThePageUsed() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());

            RecordingClient page = connect("/ws/payments/" + payment.id());

            JsonNode message = JSON.readTree(page.nextMessage());
            assertThat(message.path("type").asText()).isEqualTo("snapshot");
            assertThat(message.path("payment").path("id").asText()).isEqualTo(payment.id().value());
            assertThat(message.path("payment").path("status").asText()).isEqualTo("PENDING");
            assertThat(message.path("payment").path("page_url").asText())
                    .isEqualTo("http://127.0.0.1:" + server.port() + "/payments/pix/" + payment.id());
        }

        @Test
        void aPaymentAlreadyPaidIsReportedAsSuchAndTheSocketStaysOpen() throws Exception {
            start(WebSocketSettings.defaults());
            Payment paid = stored(confirmed(aPendingPayment().build()));

            RecordingClient page = connect("/ws/payments/" + paid.id());

            assertThat(JSON.readTree(page.nextMessage()).path("payment").path("status").asText()).isEqualTo("PAID");
            assertThat(notifier.subscriberCount(paid.id())).isEqualTo(1);
            assertThat(page.isOpen()).isTrue();
        }

        @Test
        void anUnknownPaymentClosesWith4404() throws Exception {
            start(WebSocketSettings.defaults());

            RecordingClient page = connect("/ws/payments/" + PaymentId.generate(Instant.EPOCH, new SecureRandom()));

            CloseReason reason = page.closeReason();
            assertThat(reason.getCloseCode().getCode()).isEqualTo(4404);
            assertThat(reason.getReasonPhrase()).isEqualTo("payment not found");
            await().until(() -> socket.openCount() == 0);
            assertThat(notifier.watchedPayments()).isEmpty();
        }

        @Test
        void aMalformedIdClosesWith4404WithoutReadingTheStore() throws Exception {
            start(WebSocketSettings.defaults());
            payments.lookup = id -> {
                throw new AssertionError("a malformed id must not reach the store");
            };

            RecordingClient page = connect("/ws/payments/1");

            assertThat(page.closeReason().getCloseCode().getCode()).isEqualTo(4404);
        }

        @Test
        void anUnreachableStoreClosesWithTryAgainLater() throws Exception {
            start(WebSocketSettings.defaults());
            payments.lookup = id -> {
                throw new PaymentStoreUnavailableException("connection refused", null);
            };

            RecordingClient page = connect("/ws/payments/" + aPendingPayment().build().id());

            assertThat(page.closeReason().getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
            await().until(() -> socket.openCount() == 0);
        }

        @Test
        void aConfirmationCommittedWhileTheSnapshotIsReadStillReachesThePage() throws Exception {
            start(WebSocketSettings.defaults());
            Payment pending = aPendingPayment().build();
            // The read returns the state from before the commit; the commit's event is published meanwhile.
            payments.lookup = id -> {
                notifier.publish(PaymentEvent.of(confirmed(pending)));
                return Optional.of(pending);
            };

            RecordingClient page = connect("/ws/payments/" + pending.id());

            JsonNode snapshot = JSON.readTree(page.nextMessage());
            JsonNode event = JSON.readTree(page.nextMessage());
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.path("payment").path("status").asText()).isEqualTo("PENDING");
            assertThat(event.path("type").asText()).isEqualTo("confirmed");
            assertThat(event.path("payment").path("status").asText()).isEqualTo("PAID");
        }
    }

    @Nested
    class Events {

        @Test
        void reachEverySubscriberOfTheirPaymentAndNoOther() throws Exception {
            start(WebSocketSettings.defaults());
            Payment a = stored(aPendingPayment().build());
            Payment b = stored(aPendingPayment().build());
            RecordingClient firstPageOfA = watch(a);
            RecordingClient secondPageOfA = watch(a);
            RecordingClient pageOfB = watch(b);

            // One delivery thread: were B's event sent to A's pages, it would reach them before A's own.
            notifier.publish(PaymentEvent.of(b.cancel(CONFIRMED_AT)));
            notifier.publish(PaymentEvent.of(confirmed(a)));

            for (RecordingClient pageOfA : new RecordingClient[] {firstPageOfA, secondPageOfA}) {
                JsonNode event = JSON.readTree(pageOfA.nextMessage());
                assertThat(event.path("type").asText()).isEqualTo("confirmed");
                assertThat(event.path("payment").path("id").asText()).isEqualTo(a.id().value());
            }
            JsonNode event = JSON.readTree(pageOfB.nextMessage());
            assertThat(event.path("type").asText()).isEqualTo("cancelled");
            assertThat(event.path("payment").path("id").asText()).isEqualTo(b.id().value());
        }

        @Test
        void expiryIsPushedAsExpired() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());
            RecordingClient page = watch(payment);

            notifier.publish(PaymentEvent.of(payment.expire(payment.expiresAt())));

            JsonNode event = JSON.readTree(page.nextMessage());
            assertThat(event.path("type").asText()).isEqualTo("expired");
            assertThat(event.path("payment").path("status").asText()).isEqualTo(PaymentStatus.EXPIRED.name());
        }
    }

    @Nested
    class Origins {

        @Test
        void aForeignPageIsRefusedWith403() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());

            try (RawWebSocket handshake =
                         RawWebSocket.open(server.port(), "/ws/payments/" + payment.id(), "https://evil.example")) {
                assertThat(handshake.status()).isEqualTo(403);
            }
            assertThat(socket.openCount()).isZero();
        }

        @Test
        void theServersOwnPageConnects() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());

            try (RawWebSocket handshake = RawWebSocket.open(server.port(), "/ws/payments/" + payment.id(),
                    "http://127.0.0.1:" + server.port())) {
                assertThat(handshake.status()).isEqualTo(101);
            }
        }

        @Test
        void aConfiguredOriginConnects() throws Exception {
            start(WebSocketSettings.defaults().withAllowedOrigins(Set.of("https://Shop.Example:443/")));
            Payment payment = stored(aPendingPayment().build());

            RecordingClient page = connect("/ws/payments/" + payment.id(),
                    RecordingClient.withOrigin("https://shop.example"));

            assertThat(type(page.nextMessage())).isEqualTo("snapshot");
        }

        @Test
        void aClientWithoutOriginIsNotABrowserAndConnects() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());

            RecordingClient app = connect("/ws/payments/" + payment.id(), RecordingClient.withOrigin(null));

            assertThat(type(app.nextMessage())).isEqualTo("snapshot");
        }

        @Test
        void theOwnOriginOnAnotherPortIsForeign() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());

            try (RawWebSocket handshake = RawWebSocket.open(server.port(), "/ws/payments/" + payment.id(),
                    "http://127.0.0.1:" + (server.port() + 1))) {
                assertThat(handshake.status()).isEqualTo(403);
            }
        }
    }

    @Nested
    class Connections {

        @Test
        void anOversizedMessageClosesWith1009() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());

            try (RawWebSocket page = RawWebSocket.open(server.port(), "/ws/payments/" + payment.id(), null)) {
                assertThat(type(page.nextText())).isEqualTo("snapshot");

                page.sendText("x".repeat(WebSocketSettings.DEFAULT_MAX_MESSAGE_BYTES + 1));

                assertThat(page.awaitCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG.getCode());
            }
            await().until(() -> notifier.subscriberCount(payment.id()) == 0);
        }

        @Test
        void anOversizedMessageSentInFragmentsClosesWith1009() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());

            try (RawWebSocket page = RawWebSocket.open(server.port(), "/ws/payments/" + payment.id(), null)) {
                assertThat(type(page.nextText())).isEqualTo("snapshot");

                String half = "x".repeat(WebSocketSettings.DEFAULT_MAX_MESSAGE_BYTES / 2 + 1);
                page.sendTextInTwoFrames(half, half);

                assertThat(page.awaitCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG.getCode());
            }
            await().until(() -> notifier.subscriberCount(payment.id()) == 0);
        }

        @Test
        void aSmallMessageIsIgnored() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());

            try (RawWebSocket page = RawWebSocket.open(server.port(), "/ws/payments/" + payment.id(), null)) {
                assertThat(type(page.nextText())).isEqualTo("snapshot");

                page.sendText("x".repeat(WebSocketSettings.DEFAULT_MAX_MESSAGE_BYTES));
                notifier.publish(PaymentEvent.of(confirmed(payment)));

                assertThat(type(page.nextText())).as("no answer to the message, and still open")
                        .isEqualTo("confirmed");
            }
        }

        @Test
        void aClosedPageIsUnsubscribed() throws Exception {
            start(WebSocketSettings.defaults());
            Payment payment = stored(aPendingPayment().build());
            RecordingClient first = watch(payment);
            RecordingClient second = watch(payment);
            assertThat(notifier.subscriberCount(payment.id())).isEqualTo(2);

            first.session().close();
            second.session().close();

            await().until(() -> notifier.subscriberCount(payment.id()) == 0);
            assertThat(socket.openCount()).isZero();
            assertThat(notifier.watchedPayments()).isEmpty();
        }

        @Test
        void shutdownClosesEveryPageWithGoingAway() throws Exception {
            start(WebSocketSettings.defaults());
            RecordingClient first = watch(stored(aPendingPayment().build()));
            RecordingClient second = watch(stored(aPendingPayment().build()));

            socket.close();

            assertThat(first.closeReason().getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
            assertThat(second.closeReason().getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
            assertThat(notifier.watchedPayments()).isEmpty();
        }

        @Test
        void aPeerThatStopsAnsweringPingsIsDroppedWhileALiveOneStays() throws Exception {
            start(new WebSocketSettings(Set.of(), Duration.ofMillis(100), 4096, Duration.ofSeconds(1)));
            Payment payment = stored(aPendingPayment().build());
            RecordingClient live = watch(payment);

            try (RawWebSocket dead = RawWebSocket.open(server.port(), "/ws/payments/" + payment.id(), null)) {
                assertThat(dead.status()).isEqualTo(101);
                await().until(() -> notifier.subscriberCount(payment.id()) == 2);

                await().atMost(Duration.ofSeconds(10)).until(() -> notifier.subscriberCount(payment.id()) == 1);
                dead.awaitServerHangUp();
            }
            assertThat(live.isOpen()).isTrue();
            notifier.publish(PaymentEvent.of(confirmed(payment)));
            assertThat(type(live.nextMessage())).isEqualTo("confirmed");
        }
    }

    /** FindPayment over a swappable lookup. */
    private static final class FakePayments implements FindPayment {

        volatile Function<PaymentId, Optional<Payment>> lookup;

        FakePayments(Function<PaymentId, Optional<Payment>> lookup) {
            this.lookup = lookup;
        }

        @Override
        public Optional<Payment> byId(PaymentId id) {
            return lookup.apply(id);
        }

        @Override
        public Optional<Payment> byBankPaymentId(UUID bankPaymentId) {
            return Optional.empty();
        }

        @Override
        public List<Payment> finalAmong(Collection<PaymentId> ids) {
            return ids.stream().map(lookup).flatMap(Optional::stream).filter(p -> p.status().isFinal()).toList();
        }
    }
}
