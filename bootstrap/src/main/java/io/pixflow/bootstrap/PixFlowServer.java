package io.pixflow.bootstrap;

import io.pixflow.adapter.persistence.Database;
import io.pixflow.adapter.persistence.DatabaseSettings;
import io.pixflow.adapter.qrcode.CachingQrCodeRenderer;
import io.pixflow.adapter.qrcode.ZxingQrCodeRenderer;
import io.pixflow.adapter.rest.PaymentJson;
import io.pixflow.adapter.rest.RateLimit;
import io.pixflow.adapter.rest.RestApi;
import io.pixflow.adapter.rest.RestSecurity;
import io.pixflow.adapter.webui.WebUi;
import io.pixflow.adapter.webui.WebUiSettings;
import io.pixflow.adapter.websocket.PaymentNotifier;
import io.pixflow.adapter.websocket.PaymentStatusSocket;
import io.pixflow.adapter.websocket.WebSocketSettings;
import io.pixflow.payment.application.PaymentService;
import io.pixflow.payment.application.PixTransferService;
import io.pixflow.payment.application.QrCodeService;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.port.out.PaymentEvents;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The whole server: every object built with {@code new} in {@link #start}, one Grizzly listener carrying both the
 * Jersey API and the Tyrus WebSocket, and a sweeper that expires overdue payments. {@link #close()} takes it
 * down in reverse order, closing open WebSockets with 1001.
 */
public final class PixFlowServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PixFlowServer.class);
    private static final Duration EXPIRY_SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final Duration REANNOUNCE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final int QR_CODE_CACHE_ENTRIES = 10_000;
    private static final int WEBSOCKET_MAX_FRAME_BYTES = 64 * 1024;

    private final List<AutoCloseable> closeInOrder;
    private final int port;

    private PixFlowServer(List<AutoCloseable> closeInOrder, int port) {
        this.closeInOrder = closeInOrder;
        this.port = port;
    }

    public static PixFlowServer start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts the server on {@code clock}'s time, which tests move forward to expire payments. */
    public static PixFlowServer start(Settings settings, Clock clock) {
        routeJavaUtilLoggingToSlf4j();
        List<AutoCloseable> resources = new ArrayList<>();
        CompletableFuture<Void> databaseOpened = CompletableFuture.completedFuture(null);
        try {
            // Connecting and migrating take as long as all the rest of the set-up, so they run beside it. Nothing
            // uses the database before awaitOpened below, and the port is bound only after that.
            Database database = Database.at(
                    new DatabaseSettings(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword()));
            resources.add(database);
            databaseOpened = CompletableFuture.runAsync(database::open,
                    task -> daemonThreads("pixflow-db-open").newThread(task).start());

            ServerMetrics metrics = new ServerMetrics();
            resources.add(metrics);
            metrics.watchPool(database.dataSource());

            ExecutorService deliveries = Executors.newSingleThreadExecutor(daemonThreads("pixflow-push"));
            resources.add(shutdown(deliveries));
            PaymentNotifier notifier = new PaymentNotifier(deliveries, metrics.deliveries());
            PaymentEvents events = metrics.counting(notifier);

            PaymentService payments = new PaymentService(database.paymentRepository(), events,
                    settings.merchant(), settings.paymentTtl(), clock, new SecureRandom());
            PixTransferService transfers = new PixTransferService(database.paymentRepository(),
                    database.pixTransferLog(), events, clock);
            QrCodeService qrCodes = new QrCodeService(payments,
                    new CachingQrCodeRenderer(new ZxingQrCodeRenderer(), QR_CODE_CACHE_ENTRIES));
            PaymentJson paymentJson = new PaymentJson(clock, settings.publicUrl());

            // WADL needs JAXB, which is not here; without this Jersey says so at every start. Every Location the API
            // writes is absolute already (PaymentJson), so Jersey need not parse each one back into a URI to check.
            ResourceConfig api = new ResourceConfig()
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    .property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
            new RestApi(payments, payments, payments, payments, qrCodes, transfers, paymentJson,
                    Map.of("database", database::isReachable), restSecurity(settings), clock)
                    .components().forEach(api::register);
            new WebUi(payments, clock, new WebUiSettings(settings.sandbox())).components().forEach(api::register);
            api.register(metrics.requestTimer());
            api.register(metrics.resource());

            WebSocketSettings webSocketSettings = WebSocketSettings.defaults().withAllowedOrigins(allowedOrigins(settings));
            PaymentStatusSocket statusSocket =
                    new PaymentStatusSocket(payments, notifier, paymentJson::toJson, webSocketSettings);
            metrics.watchOpenWebSockets(statusSocket::openCount);
            GrizzlyWebSockets webSockets = new GrizzlyWebSockets(WEBSOCKET_MAX_FRAME_BYTES);
            webSockets.register(statusSocket.endpointConfig());

            ScheduledThreadPoolExecutor background =
                    new ScheduledThreadPoolExecutor(1, daemonThreads("pixflow-background"));
            // It also holds a deadline for each request body still arriving: one that came in time goes at once, and
            // none outlives the server.
            background.setRemoveOnCancelPolicy(true);
            background.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            resources.add(shutdown(background));
            AwaitedBodies bodies =
                    new AwaitedBodies(background, settings.requestBodyTimeout(), metrics.bodyTimedOut());

            URI listenOn = URI.create("http://" + settings.host() + ":" + settings.port() + "/");
            HttpServer http = GrizzlyHttpServerFactory.createHttpServer(listenOn, false);
            GrizzlyHttpContainer jersey = ContainerFactory.createContainer(GrizzlyHttpContainer.class, api);
            if (database.isEmbedded()) {
                SelectorThreadRequests.serve(http, jersey, bodies, Runtime.getRuntime().availableProcessors());
            } else {
                for (NetworkListener listener : http.getListeners()) {
                    // A request, or the opening of a status socket, may wait for the database server; that must not
                    // happen on a selector thread. Grizzly's default sizes stay: two workers per core.
                    listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
                }
                http.getServerConfiguration().addHttpHandler(new JerseyRequests(jersey, bodies), "/");
            }
            for (NetworkListener listener : http.getListeners()) {
                listener.registerAddOn(new WebSocketAddOn(webSockets, "/"));
                listener.registerAddOn(new ClientAddresses(settings.trustForwardedFor()));
            }
            awaitOpened(databaseOpened);
            http.start();
            resources.add(() -> http.shutdown(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS).get());
            resources.add(webSockets::stop);
            resources.add(statusSocket);

            // Outcomes reach this node's pages three ways: its own events at once; other nodes' changes through
            // the database (PostgreSQL); and a periodic look at every watched payment, which bounds how long a
            // page can miss an outcome whatever was lost on the way. Subscribers ignore states they already have.
            Runnable reannounce = () -> reannounceFinalStates(payments, notifier);
            resources.add(database.listenForChanges(
                    id -> payments.byId(id).filter(p -> p.status().isFinal())
                            .ifPresent(p -> notifier.publish(PaymentEvent.of(p))),
                    reannounce));

            background.scheduleWithFixedDelay(() -> expireDue(payments, metrics), EXPIRY_SWEEP_INTERVAL.toMillis(),
                    EXPIRY_SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            background.scheduleWithFixedDelay(reannounce, REANNOUNCE_INTERVAL.toMillis(),
                    REANNOUNCE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);

            int port = http.getListeners().iterator().next().getPort();
            LOG.info("PixFlow listening on http://{}:{} ({} mode)", settings.host(), port,
                    settings.sandbox() ? "sandbox" : "live");
            Collections.reverse(resources);
            return new PixFlowServer(resources, port);
        } catch (IOException e) {
            abandon(resources, databaseOpened);
            throw new UncheckedIOException("could not listen on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        } catch (DeploymentException e) {
            abandon(resources, databaseOpened);
            throw new IllegalStateException("the WebSocket endpoint could not be deployed", e);
        } catch (RuntimeException e) {
            abandon(resources, databaseOpened);
            throw e;
        }
    }

    /** Waits for the database to be open; what made it fail is thrown as it was (a DatabaseOpenException). */
    private static void awaitOpened(CompletableFuture<Void> databaseOpened) {
        try {
            databaseOpened.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Closes what was started, once the database is no longer being opened under it. */
    private static void abandon(List<AutoCloseable> resources, CompletableFuture<Void> databaseOpened) {
        databaseOpened.exceptionally(e -> null).join();
        closeAll(reversed(resources));
    }

    /**
     * Pages may open the status socket from the server's own origin, from {@code PIXFLOW_ALLOWED_ORIGINS}, and from
     * the public URL's origin: behind a proxy the Host header a node sees need not be the one the browser used.
     */
    private static Set<String> allowedOrigins(Settings settings) {
        Set<String> origins = new HashSet<>(settings.allowedOrigins());
        if (settings.publicUrl() != null) {
            origins.add(settings.publicUrl().getScheme() + "://" + settings.publicUrl().getRawAuthority());
        }
        return origins;
    }

    private static RestSecurity restSecurity(Settings settings) {
        RestSecurity security = settings.sandbox()
                ? RestSecurity.sandbox()
                : RestSecurity.live(settings.webhookSecrets(), settings.apiKeys());
        return security.withCreationRateLimit(
                new RateLimit(settings.creationLimit().perSecond(), settings.creationLimit().burst()));
    }

    /** The port the server listens on: the one asked for, or the one the system picked for port 0. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        closeAll(closeInOrder);
        LOG.info("PixFlow stopped");
    }

    private static void expireDue(PaymentService payments, ServerMetrics metrics) {
        try {
            metrics.sweptExpiring(payments.expireDue());
        } catch (RuntimeException e) {
            // The next sweep tries again; an unreachable database must not kill the sweeper thread.
            LOG.warn("expiry sweep failed: {}", e.toString());
        }
    }

    private static void reannounceFinalStates(PaymentService payments, PaymentNotifier notifier) {
        try {
            for (Payment payment : payments.finalAmong(notifier.watchedPayments())) {
                notifier.publish(PaymentEvent.of(payment));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not re-announce final states: {}", e.toString());
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
    }

    private static List<AutoCloseable> reversed(List<AutoCloseable> resources) {
        List<AutoCloseable> copy = new ArrayList<>(resources);
        Collections.reverse(copy);
        return copy;
    }

    private static AutoCloseable shutdown(ExecutorService executor) {
        return () -> {
            executor.shutdown();
            if (!executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        };
    }

    private static ThreadFactory daemonThreads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static synchronized void routeJavaUtilLoggingToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
