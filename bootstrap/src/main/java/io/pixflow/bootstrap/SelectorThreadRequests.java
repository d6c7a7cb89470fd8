package io.pixflow.bootstrap;

import io.pixflow.adapter.rest.RestApi;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.HttpServerProbe;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
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
 * <p>A request whose body has not all arrived with its head waits for it without a thread ({@link AwaitedBodies}),
 * and then runs on the selector thread that read the last of it.
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
final class SelectorThreadRequests extends JerseyRequests {

    /**
     * Threads for requests that offer an upgrade, at most. One that reads a body nobody sends holds its thread until
     * the transport's read time-out (Grizzly's default, 30 s), so there are more of them than cores. Started only
     * as needed.
     */
    private static final int MAX_WORKERS = 64;

    private static final HttpServerProbe SUSPEND_BEFORE_RESUME = new HttpServerProbe.Adapter() {
        @Override
        public void onRequestSuspendEvent(HttpServerFilter filter, Connection connection, Request request) {
            // On a worker the hand-off suspended the processing already.
            if (!request.getContext().getInternalContext().wasSuspended()) {
                request.getContext().suspend();
            }
        }
    };

    private SelectorThreadRequests(GrizzlyHttpContainer jersey, AwaitedBodies bodies) {
        super(jersey, bodies);
    }

    /**
     * Serves {@code jersey} on every listener of the server as described above: one selector thread per core, and
     * workers for requests that offer an upgrade.
     */
    static void serve(HttpServer http, GrizzlyHttpContainer jersey, AwaitedBodies bodies, int cores) {
        for (NetworkListener listener : http.getListeners()) {
            TCPNIOTransport transport = listener.getTransport();
            transport.setIOStrategy(SameThreadIOStrategy.getInstance());
            transport.setSelectorRunnersCount(cores);
            transport.setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                    .setPoolName("pixflow-worker").setCorePoolSize(cores).setMaxPoolSize(MAX_WORKERS));
        }
        http.getServerConfiguration().getMonitoringConfig().getWebServerConfig().addProbes(SUSPEND_BEFORE_RESUME);
        http.getServerConfiguration().addHttpHandler(new SelectorThreadRequests(jersey, bodies), "/");
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        request.setAttribute(RestApi.ANSWER_EXECUTOR_PROPERTY,
                ConnectionThreads.of(request.getContext().getConnection()));
        super.service(request, response);
    }
}
