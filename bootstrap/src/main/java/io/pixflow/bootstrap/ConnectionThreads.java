package io.pixflow.bootstrap;

import java.util.concurrent.Executor;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.NIOTransport;

/** The thread that serves a connection's socket: work for that connection queued from elsewhere runs there. */
final class ConnectionThreads {

    private ConnectionThreads() {
    }

    /** Runs each task on {@code connection}'s selector thread: at once when called there, else queued to it. */
    static Executor of(Connection<?> connection) {
        NIOConnection nio = (NIOConnection) connection;
        return task -> ((NIOTransport) nio.getTransport()).getSelectorHandler().execute(nio.getSelectorRunner(), () -> {
            task.run();
            return true;
        }, null);
    }
}
