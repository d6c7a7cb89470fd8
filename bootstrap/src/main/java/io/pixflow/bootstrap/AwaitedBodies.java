package io.pixflow.bootstrap;

import io.pixflow.adapter.rest.RestApi;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>A body is waited for a while, not for ever: a client that never sends it would otherwise keep its connection,
 * and the part of the body it did send, as long as it liked. When the time is up the request runs all the same,
 * marked ({@link #timedOut}) so that it is answered without reading its body.
 */
final class AwaitedBodies implements RequestExecutorProvider {

    /**
     * Enough of a body to run the request: one byte over the largest any route accepts, so that Jersey sees a body
     * too large for what it is, without a body of any size being held in memory first.
     */
    private static final int BODY_BYTES_TO_WAIT_FOR = RestApi.MAX_BODY_BYTES + 1;
    /** Set on a request while its body is awaited. */
    private static final String AWAITING_BODY = AwaitedBodies.class.getName() + ".awaitingBody";
    /** Set on a request whose body did not arrive in time. */
    private static final String TIMED_OUT = AwaitedBodies.class.getName() + ".timedOut";
    private static final RequestExecutorProvider WORKERS = new RequestExecutorProvider.WorkerThreadProvider();

    private final ScheduledExecutorService deadlines;
    private final Duration timeout;
    private final Runnable timedOut;

    /**
     * @param deadlines runs each deadline's check, a moment's work that it hands to the connection's thread
     * @param timeout   how long after its head a request's body may take to arrive
     * @param timedOut  told of each request whose body did not
     */
    AwaitedBodies(ScheduledExecutorService deadlines, Duration timeout, Runnable timedOut) {
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.timedOut = Objects.requireNonNull(timedOut, "timedOut");
    }

    Duration timeout() {
        return timeout;
    }

    /** Whether {@code request} runs because its body did not arrive in time: then nothing may read that body. */
    static boolean timedOut(Request request) {
        return request.getAttribute(TIMED_OUT) != null;
    }

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

    /**
     * Runs the request once its body is all there, or once {@link #BODY_BYTES_TO_WAIT_FOR} of it are, or once
     * {@link #timeout} has passed.
     */
    private Executor whenBodyHasArrived(Request request) {
        return service -> {
            request.setAttribute(AWAITING_BODY, Boolean.TRUE);
            RunOnce runOnce = new RunOnce(service, timedOut);
            Executor connectionThread = ConnectionThreads.of(request.getContext().getConnection());
            runOnce.deadline = deadlines.schedule(() -> connectionThread.execute(() -> runOnce.timeOut(request)),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            request.getInputBuffer().notifyAvailable(runOnce, BODY_BYTES_TO_WAIT_FOR);
        };
    }

    /**
     * Runs the request at Grizzly's first news of its body, or at its deadline, whichever comes first; if the client
     * goes away first, all the same, so that it ends the way a broken body ends.
     */
    private static final class RunOnce implements ReadHandler {

        private final Runnable service;
        private final Runnable timedOut;
        // InputBuffer.append can say both, for a read that brings the bytes waited for and the body's end; and the
        // deadline can come as the body does.
        private final AtomicBoolean ran = new AtomicBoolean();
        private volatile Future<?> deadline;

        RunOnce(Runnable service, Runnable timedOut) {
            this.service = service;
            this.timedOut = timedOut;
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
                deadline.cancel(false);
                service.run();
            }
        }

        void timeOut(Request request) {
            if (ran.compareAndSet(false, true)) {
                request.setAttribute(TIMED_OUT, Boolean.TRUE);
                timedOut.run();
                service.run();
            }
        }
    }
}
