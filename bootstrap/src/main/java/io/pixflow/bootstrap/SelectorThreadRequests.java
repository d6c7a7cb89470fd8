package io.pixflow.bootstrap;

import io.pixflow.adapter.rest.RestApi;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.HttpServerProbe;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;

/**
 * Jersey run on the selector thread that read the request, for a server whose database is embedded: nothing a
 * request does there waits for another machine, so handing each request to a worker thread only adds a thread
 * wake-up, and two changes of the socket's epoll interest, to every request. On this project's 2-core test
 * machines (virtualised, where each system call and wake-up is dear) that hand-off was a third of a static GET's
 * CPU: 140-156 µs per GET with workers, 100-104 µs without (`wrk`, benchmarks/notes.md).
 *
 * <p>A request whose body has not all arrived with its head waits for it without a thread: Grizzly reads the rest
 * as it comes, and Jersey runs once it is all there (or once there is more of it than any route accepts, which
 * Jersey then refuses). Jersey reads a body by blocking; run earlier, a client that sends its body slowly would
 * hold the thread that reads it, and enough such clients would hold them all.
 *
 * <p>A suspended request (an asynchronous create) is answered later by another thread. Grizzly expects a
 * request's processing to be suspended before another thread can resume it; its worker hand-off does that, and on
 * the selector thread {@link #SUSPEND_BEFORE_RESUME} does it as Jersey suspends the response, before the work
 * that will resume it is queued. Without it, an answer that came back before the selector thread had returned
 * left the connection unread for up to a second.
 *
 * <p>Such answers are written on the connection's own selector thread ({@link RestApi#ANSWER_EXECUTOR_PROPERTY}),
 * not on the thread that finished the work: that thread is the store's single writer, which every create waits
 * for, and writing every answer itself made it the server's bottleneck.
 */
final class SelectorThreadRequests extends HttpHandler {

    /**
     * Enough of a body to run the request: one byte over the largest any route accepts, so that Jersey sees a body
     * too large for what it is, without a body of any size being held in memory first.
     */
    private static final int BODY_BYTES_TO_WAIT_FOR = RestApi.MAX_BODY_BYTES + 1;
    /**
     * Threads for requests that offer an upgrade, at most. One that reads a body nobody sends holds its thread until
     * the transport's read time-out (Grizzly's default, 30 s), so there are more of them than cores. Started only
     * as needed.
     */
    private static final int MAX_WORKERS = 64;
    /** Set on a request while its body is awaited. */
    private static final String AWAITING_BODY = SelectorThreadRequests.class.getName() + ".awaitingBody";

    private static final HttpServerProbe SUSPEND_BEFORE_RESUME = new HttpServerProbe.Adapter() {
        @Override
        public void onRequestSuspendEvent(HttpServerFilter filter, Connection connection, Request request) {
            // On a worker the hand-off suspended the processing already.
            if (!request.getContext().getInternalContext().wasSuspended()) {
                request.getContext().suspend();
            }
        }
    };

    private final GrizzlyHttpContainer jersey;
    private final RequestExecutorProvider threads;

    private SelectorThreadRequests(GrizzlyHttpContainer jersey) {
        this.jersey = jersey;
        this.threads = request -> {
            if (request.getInputBuffer().isFinished() || request.getAttribute(AWAITING_BODY) != null) {
                // On this thread. Grizzly asks again where to tell that a request's body has arrived: there too.
                return null;
            }
            if (request.getContentLengthLong() > 0 || request.getRequest().isChunked()) {
                return whenBodyHasArrived(request);
            }
            // No body, and yet the input is open: a request that offers to upgrade the connection (the JDK's
            // HttpClient offers h2c), whose input Grizzly keeps open for the other protocol. It has no end to wait
            // for; Jersey answers it in HTTP/1.1 without reading, but a route that did read would block.
            return request.getContext().getConnection().getTransport().getWorkerThreadPool();
        };
    }

    /**
     * Runs the request once its body is all there, or once {@link #BODY_BYTES_TO_WAIT_FOR} of it are, on the
     * selector thread that read the last of it; and if the client goes away first, runs it all the same, so that
     * it ends the way a broken body ends.
     */
    private static Executor whenBodyHasArrived(Request request) {
        return service -> {
            request.setAttribute(AWAITING_BODY, Boolean.TRUE);
            request.getInputBuffer().notifyAvailable(new RunOnce(service), BODY_BYTES_TO_WAIT_FOR);
        };
    }

    /** Runs the request at Grizzly's first news of its body. */
    private static final class RunOnce implements ReadHandler {

        private final Runnable service;
        // One read can bring both the bytes waited for and the body's end, and Grizzly then says both.
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

    /**
     * Serves {@code jersey} on every listener of the server as described above: one selector thread per core, and
     * workers for requests that offer an upgrade.
     */
    static void serve(HttpServer http, GrizzlyHttpContainer jersey, int cores) {
        for (NetworkListener listener : http.getListeners()) {
            TCPNIOTransport transport = listener.getTransport();
            transport.setIOStrategy(SameThreadIOStrategy.getInstance());
            transport.setSelectorRunnersCount(cores);
            transport.setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                    .setPoolName("pixflow-worker").setCorePoolSize(cores).setMaxPoolSize(MAX_WORKERS));
        }
        http.getServerConfiguration().getMonitoringConfig().getWebServerConfig().addProbes(SUSPEND_BEFORE_RESUME);
        http.getServerConfiguration().addHttpHandler(new SelectorThreadRequests(jersey), "/");
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        NIOConnection connection = (NIOConnection) request.getContext().getConnection();
        request.setAttribute(RestApi.ANSWER_EXECUTOR_PROPERTY, (Executor) answer -> ((NIOTransport) connection
                .getTransport()).getSelectorHandler().execute(connection.getSelectorRunner(), () -> {
                    answer.run();
                    return true;
                }, null));
        jersey.service(request, response);
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return threads;
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
