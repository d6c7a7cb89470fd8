package io.pixflow.bootstrap;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;

/**
 * Jersey as the server's handler, run on the thread that read the request; a request whose body is still arriving
 * waits for it without a thread ({@link AwaitedBodies}). Which threads read requests is the transport's choice:
 * Grizzly's workers when the database is across the network, the selectors ({@link SelectorThreadRequests}) when
 * it is embedded.
 */
class JerseyRequests extends HttpHandler {

    private static final RequestExecutorProvider THREADS = new AwaitedBodies();

    private final GrizzlyHttpContainer jersey;

    JerseyRequests(GrizzlyHttpContainer jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        jersey.service(request, response);
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return THREADS;
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }
}
