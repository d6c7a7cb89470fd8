package io.pixflow.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/** A payment page's WebSocket, as a test sees it: the messages in arrival order, and how it was closed. */
final class Subscriber implements AutoCloseable {

    private static final ClientManager CLIENT = ClientManager.createClient();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private Subscriber(URI uri) throws Exception {
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    try {
                        messages.add(Api.JSON.readTree(text));
                    } catch (IOException e) {
                        throw new AssertionError("not JSON: " + text, e);
                    }
                });
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }
        };
        this.session = CLIENT.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri);
    }

    static Subscriber to(int port, String paymentId) throws Exception {
        return new Subscriber(URI.create("ws://127.0.0.1:" + port + "/ws/payments/" + paymentId));
    }

    /** The next message; fails the test when none comes within 10 s. */
    JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 10 s");
        }
        return message;
    }

    /** Nothing arrives within {@code millis}: an absence can only be watched for a while. */
    JsonNode nextWithin(long millis) throws InterruptedException {
        return messages.poll(millis, TimeUnit.MILLISECONDS);
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }
}
