package io.pixflow.bootstrap;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus without a listener of its own: upgrade requests reach its engine through the {@code WebSocketAddOn} on
 * Jersey's Grizzly listener, so HTTP and WebSocket share one port. Never {@code start()}ed, which would open a
 * second listener.
 */
final class GrizzlyWebSockets extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine;

    /**
     * @param maxFrameBytes frames above this are refused by Tyrus itself (its default is about 4 MB); the endpoint
     *                      enforces its own, smaller message limit with close code 1009
     */
    GrizzlyWebSockets(int maxFrameBytes) {
        super(Set.of());
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(maxFrameBytes).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig endpointConfig) throws DeploymentException {
        engine.register(endpointConfig, "");
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
