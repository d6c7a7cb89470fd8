package io.pixflow.bootstrap;

import io.pixflow.adapter.rest.ProblemAnswer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;

/**
 * Jersey as the server's handler, run on the thread that read the request; a request whose body is still arriving
 * waits for it without a thread ({@link AwaitedBodies}), and one whose body does not arrive in time is answered 408
 * here, without Jersey, which would wait to read it. Which threads read requests is the transport's choice:
 * Grizzly's workers when the database is across the network, the selectors ({@link SelectorThreadRequests}) when
 * it is embedded.
 */
class JerseyRequests extends HttpHandler {

    private final GrizzlyHttpContainer jersey;
    private final AwaitedBodies bodies;
    private final ProblemAnswer requestTimeout;

    JerseyRequests(GrizzlyHttpContainer jersey, AwaitedBodies bodies) {
        this.jersey = jersey;
        this.bodies = bodies;
        this.requestTimeout = ProblemAnswer.requestTimeout(bodies.timeout());
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (AwaitedBodies.timedOut(request)) {
            // The rest of the body may come yet, and would be read as the next request: Grizzly is to ignore it and
            // close the connection once the answer is out.
            request.getRequest().setContentBroken(true);
            response.setHeader(Header.Connection, "close");
            answer(requestTimeout, response);
        } else {
            jersey.service(request, response);
        }
    }

    private static void answer(ProblemAnswer problem, Response response) throws IOException {
        response.setStatus(problem.status());
        problem.headers().forEach(response::setHeader);
        byte[] body = problem.json().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return bodies;
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
