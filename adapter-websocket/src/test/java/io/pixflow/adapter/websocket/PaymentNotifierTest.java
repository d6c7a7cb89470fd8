package io.pixflow.adapter.websocket;

import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.PaymentStatus;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class PaymentNotifierTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:05:00Z");
    private static final BiFunction<Payment, URI, String> STATUS_JSON =
            (payment, base) -> "{\"status\":\"" + payment.status() + "\"}";

    private final ExecutorService deliveries = Executors.newSingleThreadExecutor();
    private final Session session = mock(Session.class);
    private final RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<SendHandler> pendingSends = new CopyOnWriteArrayList<>();
    private final Payment pending = aPendingPayment().build();
    private final Payment paid = pending.confirm(pending.amount(), NOW);

    @BeforeEach
    void aSessionWhoseSendsCompleteOnlyWhenTheTestSaysSo() {
        when(session.getAsyncRemote()).thenReturn(remote);
        when(session.isOpen()).thenReturn(true);
        when(session.getUserProperties()).thenReturn(new HashMap<>());
        doAnswer(call -> {
            sent.add(call.getArgument(0));
            pendingSends.add(call.getArgument(1));
            return null;
        }).when(remote).sendText(anyString(), any(SendHandler.class));
    }

    @AfterEach
    void stop() {
        deliveries.shutdownNow();
    }

    private Subscriber subscribed(PaymentNotifier notifier, BiFunction<Payment, URI, String> json) {
        Subscriber subscriber = new Subscriber(pending.id(), session, URI.create("http://localhost:8080/"), json);
        notifier.subscribe(subscriber);
        return subscriber;
    }

    private void completeSend(int index) {
        pendingSends.get(index).onResult(new SendResult(session));
    }

    private void awaitDeliveries() throws Exception {
        deliveries.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void publishReturnsWhileTheSubscribersSendIsStillPendingAndTheEventWaitsItsTurn() throws Exception {
        PaymentNotifier notifier = new PaymentNotifier(deliveries, DeliveryObserver.NONE);
        subscribed(notifier, STATUS_JSON).snapshot(pending);
        assertThat(sent).hasSize(1);

        notifier.publish(PaymentEvent.of(paid));
        awaitDeliveries();

        assertThat(sent).as("never two sends in flight on one session").hasSize(1);
        completeSend(0);
        assertThat(sent).containsExactly(
                "{\"type\":\"snapshot\",\"payment\":{\"status\":\"PENDING\"}}",
                "{\"type\":\"confirmed\",\"payment\":{\"status\":\"PAID\"}}");
    }

    @Test
    void theObserverHearsAnEventOnlyOnceItsSendCompleted() throws Exception {
        List<PaymentEvent.Type> delivered = new CopyOnWriteArrayList<>();
        PaymentNotifier notifier = new PaymentNotifier(deliveries, (type, sincePublished) -> {
            assertThat(sincePublished).isPositive();
            delivered.add(type);
        });
        subscribed(notifier, STATUS_JSON).snapshot(pending);
        completeSend(0);

        notifier.publish(PaymentEvent.of(paid));
        awaitDeliveries();

        assertThat(sent).hasSize(2);
        assertThat(delivered).as("the snapshot is no event, and the event is still in flight").isEmpty();
        completeSend(1);
        assertThat(delivered).containsExactly(PaymentEvent.Type.CONFIRMED);
    }

    @Test
    void publishHandsTheWorkToTheExecutorAndDoesNotWaitForIt() {
        CountDownLatch renderingMayFinish = new CountDownLatch(1);
        List<Thread> renderingThreads = new CopyOnWriteArrayList<>();
        PaymentNotifier notifier = new PaymentNotifier(deliveries, DeliveryObserver.NONE);
        subscribed(notifier, (payment, base) -> {
            if (payment.status() == PaymentStatus.PAID) {
                renderingThreads.add(Thread.currentThread());
                awaitQuietly(renderingMayFinish);
            }
            return STATUS_JSON.apply(payment, base);
        }).snapshot(pending);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> notifier.publish(PaymentEvent.of(paid)));

        renderingMayFinish.countDown();
        await().until(() -> sent.size() == 1 && !renderingThreads.isEmpty());
        assertThat(renderingThreads).doesNotContain(Thread.currentThread());
    }

    @Test
    void anEventThatArrivesBeforeTheSnapshotFollowsIt() {
        PaymentNotifier notifier = new PaymentNotifier(Runnable::run, DeliveryObserver.NONE);
        Subscriber subscriber = subscribed(notifier, STATUS_JSON);

        notifier.publish(PaymentEvent.of(paid));
        assertThat(sent).isEmpty();
        subscriber.snapshot(pending);
        completeSend(0);

        assertThat(sent).extracting(message -> message.substring(0, 20))
                .containsExactly("{\"type\":\"snapshot\",\"", "{\"type\":\"confirmed\",");
    }

    @Test
    void aStateThePageAlreadyHasIsNotSentAgain() {
        PaymentNotifier notifier = new PaymentNotifier(Runnable::run, DeliveryObserver.NONE);
        subscribed(notifier, STATUS_JSON).snapshot(paid);
        completeSend(0);

        notifier.publish(PaymentEvent.of(paid));

        assertThat(sent).containsExactly("{\"type\":\"snapshot\",\"payment\":{\"status\":\"PAID\"}}");
    }

    @Test
    void reachesOnlyTheSubscribersOfThePayment() {
        PaymentNotifier notifier = new PaymentNotifier(Runnable::run, DeliveryObserver.NONE);
        subscribed(notifier, STATUS_JSON).snapshot(pending);
        completeSend(0);
        Payment other = aPendingPayment().build();

        notifier.publish(PaymentEvent.of(other.cancel(NOW)));

        assertThat(sent).hasSize(1);
        assertThat(notifier.watchedPayments()).containsExactly(pending.id());
    }

    @Test
    void publishNeverThrowsAtTheCommittingThread() {
        PaymentNotifier shutDown = new PaymentNotifier(task -> {
            throw new RejectedExecutionException("shut down");
        }, DeliveryObserver.NONE);
        PaymentNotifier failingRendering = new PaymentNotifier(Runnable::run, DeliveryObserver.NONE);
        subscribed(failingRendering, (payment, base) -> {
            throw new IllegalStateException("broken renderer");
        });

        assertThatCode(() -> shutDown.publish(PaymentEvent.of(paid))).doesNotThrowAnyException();
        assertThatCode(() -> shutDown.publish(null)).doesNotThrowAnyException();
        assertThatCode(() -> failingRendering.publish(PaymentEvent.of(paid))).doesNotThrowAnyException();
    }

    @Test
    void aFailedSendClosesTheSocketSoItIsDropped() throws IOException {
        PaymentNotifier notifier = new PaymentNotifier(Runnable::run, DeliveryObserver.NONE);
        subscribed(notifier, STATUS_JSON).snapshot(pending);

        pendingSends.get(0).onResult(new SendResult(session, new IOException("broken pipe")));

        ArgumentCaptor<CloseReason> reason = ArgumentCaptor.forClass(CloseReason.class);
        verify(session).close(reason.capture());
        assertThat(reason.getValue().getCloseCode()).isEqualTo(CloseReason.CloseCodes.UNEXPECTED_CONDITION);
    }

    @Test
    void unsubscribingForgetsThePayment() {
        PaymentNotifier notifier = new PaymentNotifier(Runnable::run, DeliveryObserver.NONE);
        Subscriber subscriber = subscribed(notifier, STATUS_JSON);
        assertThat(notifier.subscriberCount(pending.id())).isEqualTo(1);

        notifier.unsubscribe(subscriber);

        assertThat(notifier.subscriberCount(pending.id())).isZero();
        assertThat(notifier.watchedPayments()).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
