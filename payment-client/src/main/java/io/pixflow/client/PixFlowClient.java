package io.pixflow.client;

import com.fasterxml.jackson.jr.ob.JSON;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.tyrus.client.ClientManager;

/**
 * Creates PIX payments on a PixFlow server and waits for their outcome.
 *
 * <pre>{@code
 * try (PixFlowClient pixflow = new PixFlowClient(URI.create("http://localhost:8080/"))) {
 *     PixPayment payment = pixflow.create(new BigDecimal("15.00"));
 *     // show payment.pixCopyPaste() or send the payer to payment.pageUrl()
 *     PaymentStatus outcome = pixflow.awaitFinalStatus(payment.id(), Duration.ofMinutes(30));
 * }
 * }</pre>
 *
 * <p>Waiting listens on the payment's WebSocket, so the outcome arrives the moment the bank confirms. A dropped
 * connection is reopened with exponential backoff and jitter, and every (re)connection starts with a snapshot, so
 * nothing that happened while disconnected is missed; when no WebSocket can be opened at all, the client reads
 * the payment over HTTP instead.
 */
public final class PixFlowClient implements AutoCloseable {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    private static final int CLOSE_PAYMENT_NOT_FOUND = 4404;
    // Amounts stay exact: 0.29 must not come back as 0.28999999999999998.
    private static final JSON JSON_WITH_EXACT_NUMBERS = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final URI baseUrl;
    private final String apiKey;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ClientManager webSockets;

    /** A client for a sandbox server, which needs no API key. */
    public PixFlowClient(URI baseUrl) {
        this(baseUrl, null, Duration.ofSeconds(10));
    }

    /**
     * @param apiKey         the merchant key a live server asks for when creating payments, or {@code null}
     * @param requestTimeout how long one HTTP request may take
     */
    public PixFlowClient(URI baseUrl, String apiKey, Duration requestTimeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = baseUrl.getPath().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        this.apiKey = apiKey;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .build();
        this.webSockets = ClientManager.createClient();
    }

    /** Opens a payment of {@code value} reais that expires after the server's default time. */
    public PixPayment create(BigDecimal value) {
        return create(value, null);
    }

    /** Opens a payment of {@code value} reais (at most 2 decimals) that can be paid for {@code expiresIn}. */
    public PixPayment create(BigDecimal value, Duration expiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", Objects.requireNonNull(value, "value"));
        if (expiresIn != null) {
            body.put("expires_in", expiresIn.toSeconds());
        }
        HttpRequest.Builder request = request("payments/pix")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return payment(send(request.build(), 201).get("payment"));
    }

    /** The payment as it is now. */
    public PixPayment find(String id) {
        return payment(send(request("payments/pix/" + id).GET().build(), 200));
    }

    /**
     * Waits until the payment is PAID, EXPIRED or CANCELLED and returns that status.
     *
     * @throws TimeoutException when it is still PENDING after {@code timeout}
     * @throws PixFlowException when there is no such payment
     */
    public PaymentStatus awaitFinalStatus(String id, Duration timeout) throws InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        Duration retry = FIRST_RETRY;
        while (true) {
            CompletableFuture<PaymentStatus> outcome = new CompletableFuture<>();
            try (Session ignored = listen(id, outcome)) {
                return outcome.get(remaining(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof PixFlowException refused) {
                    throw refused;
                }
                // The connection dropped before the outcome: open a new one after a pause.
            } catch (DeploymentException | IOException e) {
                PaymentStatus status = find(id).status();
                if (status.isFinal()) {
                    return status;
                }
            }
            long pause = Math.min(retry.toMillis(), remaining(deadline));
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(pause / 2, pause + 1));
            retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
        }
    }

    private Session listen(String id, CompletableFuture<PaymentStatus> outcome)
            throws DeploymentException, IOException {
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    PaymentStatus status = statusIn(text);
                    if (status.isFinal()) {
                        outcome.complete(status);
                    }
                });
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                if (reason.getCloseCode().getCode() == CLOSE_PAYMENT_NOT_FOUND) {
                    outcome.completeExceptionally(
                            new PixFlowException(404, "payment_not_found", "no payment with id " + id));
                } else {
                    outcome.completeExceptionally(new IOException("closed: " + reason));
                }
            }

            @Override
            public void onError(Session session, Throwable error) {
                outcome.completeExceptionally(error);
            }
        };
        return webSockets.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                webSocketUri("ws/payments/" + id));
    }

    private static long remaining(Instant deadline) throws TimeoutException {
        long millis = Duration.between(Instant.now(), deadline).toMillis();
        if (millis <= 0) {
            throw new TimeoutException("the payment is still pending");
        }
        return millis;
    }

    private URI webSocketUri(String path) {
        URI http = baseUrl.resolve(path);
        String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + http.toString().substring(http.getScheme().length()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
    }

    private Map<String, Object> send(HttpRequest request, int expectedStatus) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PixFlowException("could not reach " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PixFlowException("interrupted while calling " + request.uri(), e);
        }
        Map<String, Object> body = parse(response.body());
        if (response.statusCode() != expectedStatus) {
            throw new PixFlowException(response.statusCode(), String.valueOf(body.getOrDefault("code", "unknown")),
                    String.valueOf(body.getOrDefault("message", "HTTP " + response.statusCode())));
        }
        return body;
    }

    private static PaymentStatus statusIn(String message) {
        Object payment = parse(message).get("payment");
        if (!(payment instanceof Map<?, ?> fields)) {
            throw new PixFlowException(0, "unexpected_message", "a message without a payment: " + message);
        }
        return PaymentStatus.valueOf(String.valueOf(fields.get("status")));
    }

    private static PixPayment payment(Object json) {
        if (!(json instanceof Map<?, ?> p)) {
            throw new PixFlowException(0, "unexpected_response", "the server's answer holds no payment");
        }
        return new PixPayment(
                (String) p.get("id"),
                new BigDecimal(String.valueOf(p.get("value"))),
                PaymentStatus.valueOf((String) p.get("status")),
                UUID.fromString((String) p.get("bank_payment_id")),
                (String) p.get("pix_copy_paste"),
                URI.create((String) p.get("page_url")),
                URI.create((String) p.get("qr_code_url")),
                Instant.parse((String) p.get("expires_at")),
                p.get("paid_at") == null ? null : Instant.parse((String) p.get("paid_at")));
    }

    private static Map<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return JSON_WITH_EXACT_NUMBERS.mapFrom(text);
        } catch (IOException e) {
            throw new PixFlowException(0, "unexpected_response", "the server's answer is not JSON");
        }
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.std.asString(body);
        } catch (IOException e) {
            throw new IllegalStateException("a map of numbers serialises", e);
        }
    }

    @Override
    public void close() {
        webSockets.shutdown();
    }
}
