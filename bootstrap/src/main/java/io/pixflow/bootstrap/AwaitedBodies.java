package io.pixflow.bootstrap;

import io.pixflow.adapter.rest.RestApi;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;

/**
 * Where Grizzly runs a request: on the thread that read it, once its body is all there. A body still arriving is
 * waited for without a thread: Grizzly reads the rest as it comes, and the request runs on the thread that read the
 * last of it (or the byte that makes it larger than any route accepts, which Jersey then refuses). Jersey reads a
 * body by blocking; run earlier, a client that sends its body slowly would hold the thread that reads it, and
 * enough such clients would hold them all.
 */
final class AwaitedBodies implements RequestExecutorProvider {

    /**
     * Enough of a body to run the request: one byte over the largest any route accepts, so that Jersey sees a body
     * too large for what it is, without a body of any size being held in memory first.
     */
    private static final int BODY_BYTES_TO_WAIT_FOR = RestApi.MAX_BODY_BYTES + 1;
    /** Set on a request while its body is awaited. */
    private static final String AWAITING_BODY = AwaitedBodies.class.getName() + ".awaitingBody";
    private static final RequestExecutorProvider WORKERS = new RequestExecutorProvider.WorkerThreadProvider();

    @Override
    public Executor getExecutor(Request request) {
        if (request.getInputBuffer().isFinished() || request.getAttribute(AWAITING_BODY) != null) {
            // On this thread. Grizzly asks again where to tell that a request's body has arrived: there too.
            return null;
        }
        if (request.getContentLengthLong() > 0 || request.getRequest().isChunked()) {
            return whenBodyHasArrived(request);
        }
        // No body, and yet the input is open: a request that offers to upgrade the connection (the JDK's HttpClient
        // offers h2c), whose input Grizzly keeps open for the other protocol. It has no end to wait for; Jersey
        // answers it in HTTP/1.1 without reading, but a route that did read would block: so not on a selector.
        return WORKERS.getExecutor(request);
    }

    /** Runs the request once its body is all there, or once {@link #BODY_BYTES_TO_WAIT_FOR} of it are. */
    private static Executor whenBodyHasArrived(Request request) {
        return service -> {
            request.setAttribute(AWAITING_BODY, Boolean.TRUE);
            request.getInputBuffer().notifyAvailable(new RunOnce(service), BODY_BYTES_TO_WAIT_FOR);
        };
    }

    /**
     * Runs the request at Grizzly's first news of its body; if the client goes away first, all the same, so that it
     * ends the way a broken body ends.
     */
    private static final class RunOnce implements ReadHandler {

        private final Runnable service;
        // InputBuffer.append can say both, for a read that brings the bytes waited for and the body's end.
        private final AtomicBoolean ran = new AtomicBoolean();

        RunOnce(Runnable service) {
            this.service = service;
        }

        @Override
        public void onDataAvailable() {
            run();
        }

        @Override
        public void onAllDataRead() {
            run();
        }

        @Override
        public void onError(Throwable failure) {
            run();
        }

        private void run() {
            if (ran.compareAndSet(false, true)) {
                service.run();
            }
        }
    }
}
