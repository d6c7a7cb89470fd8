package io.pixflow.adapter.websocket;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Grizzly HTTP server on an ephemeral loopback port with Tyrus attached as an add-on: the same one-port set-up
 * bootstrap uses (STACK.md), since Tyrus's own {@code Server} cannot take an endpoint instance.
 */
final class TyrusTestServer implements AutoCloseable {

    /** Frames larger than this fail in Tyrus before any session limit applies; bootstrap sets it too. */
    static final int INCOMING_BUFFER_SIZE = 64 * 1024;

    private final HttpServer http;
    private final NetworkListener listener;
    private final Container container;

    private TyrusTestServer(ServerEndpointConfig endpoint) throws IOException, DeploymentException {
        container = new Container();
        container.register(endpoint);
        http = new HttpServer();
        listener = new NetworkListener("websocket-test", "127.0.0.1", 0);
        // As Tyrus's own Grizzly container does: onOpen reads the store, which must not stall the selector.
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.registerAddOn(new WebSocketAddOn(container, "/"));
        http.addListener(listener);
        http.start();
    }

    static TyrusTestServer start(ServerEndpointConfig endpoint) throws IOException, DeploymentException {
        return new TyrusTestServer(endpoint);
    }

    int port() {
        return listener.getPort();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() {
        container.stop();
        http.shutdownNow();
    }

    private static final class Container extends TyrusServerContainer {

        private final TyrusWebSocketEngine engine;

        Container() {
            super((Set<Class<?>>) null);
            engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(INCOMING_BUFFER_SIZE).build();
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, "");
        }

        @Override
        public void register(ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, "");
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }

        @Override
        public Map<String, Object> getProperties() {
            return Map.of();
        }
    }
}
