package io.pixflow.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@code pixflow.jar} in a separate process and measures, in one run, what the performance issue asks:
 * create-payment vs static-asset throughput, cached QR throughput and first render, confirmation → WebSocket event
 * latency (idle and with 10,000 idle subscribers), RSS per subscriber and per-subscriber delivery, start time and
 * idle RSS. Writes the Markdown report.
 *
 * <p>Only 127.0.0.1 is ever contacted. Every loop is bounded by a count and a deadline.
 */
public final class LoadTest {

    /** The Flask-SocketIO demo PixFlow replaces, as measured for the issue: create-payment requests per second. */
    private static final double FLASK_DEMO_CREATES_PER_SECOND = 69;
    private static final String STATIC_ASSET = "/static/pixflow.css";
    private static final String CREATE_BODY = "{\"value\": 15.00}";
    private static final Pattern PAYMENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9]{25})\"");
    private static final Pattern BANK_PAYMENT_ID = Pattern.compile("\"bank_payment_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(10);
    /** An event later than this after its confirmation counts as lost. */
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FAN_OUT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_ALL_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration GC_SETTLE = Duration.ofSeconds(3);
    private static final Duration IDLE_AFTER_START = Duration.ofSeconds(3);
    private static final int CONNECTS_IN_FLIGHT = 64;
    private static final int FRESH_QR_WARMUP = 30;
    private static final int FRESH_QR_MEASURED = 100;
    private static final int LATENCY_WARMUP = 100;
    /**
     * Subscribe-confirm-receive cycles per warm-up round, 8 at a time; rounds repeat until the JIT compiler is quiet,
     * as before the throughput runs, so that the idle run times that path compiled, not its compilation.
     */
    private static final int EVENT_WARMUP = 2_000;
    private static final int EVENT_WARMUP_THREADS = 8;
    /**
     * Concurrent cycles keep the compiler at 0.29–0.48 cores for as long as they run (25 rounds, 300 s, were tried):
     * they warm the paths up, but only the sequential rounds that follow bring the compiler to rest.
     */
    private static final Duration CONCURRENT_EVENT_WARMUP_LIMIT = Duration.ofSeconds(60);
    /**
     * Then rounds of this many cycles one at a time, exactly as the idle run makes them, until the compiler is quiet
     * again: code compiled under concurrent load meets branches it never took (an empty queue, a writer with a
     * batch of one) and is deoptimised and compiled again, which would otherwise happen during the idle run.
     */
    private static final int SEQUENTIAL_EVENT_WARMUP = 400;
    /** Between the snapshot and the confirmation: a payer's page is open well before the bank confirms. */
    private static final Duration SUBSCRIBED_BEFORE_CONFIRMING = Duration.ofMillis(5);
    private static final int FAN_OUT_CLIENTS = 8;
    private static final Duration PROFILE_WINDOW = Duration.ofSeconds(6);
    private static final double JIT_QUIET = 0.05;
    private static final Duration COMPILER_POLL = Duration.ofSeconds(1);
    private static final Duration COMPILER_DRAIN_LIMIT = Duration.ofSeconds(60);

    private final Options options;
    private final Report report = new Report();
    /** The options' flags, plus the AppCDS archive once it is made. */
    private List<String> serverFlags;

    private LoadTest(Options options) {
        this.options = options;
        this.serverFlags = options.jvmFlags();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new LoadTest(options).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        double ownCpuBefore = CpuTime.selfAndEndedChildrenSeconds();
        double machineCpuBefore = CpuTime.machineSeconds();
        String loadBefore = Report.loadAverage();
        Files.createDirectories(options.workDirectory());
        if (options.appCds()) {
            serverFlags = withAppCdsArchive(options.jvmFlags());
        }
        say("server jar " + options.jar() + ", JVM flags " + flagsText(serverFlags));

        ServerProcess server = startServer("main");
        say("listening on " + server.address() + " (pid " + server.pid() + ") after "
                + server.startedToListening().toMillis() + " ms");
        try {
            throughput(server);
            webSockets(server);
        } finally {
            server.close();
        }
        startTimes();
        jmh();

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        double othersCores = (CpuTime.machineSeconds() - machineCpuBefore
                - (CpuTime.selfAndEndedChildrenSeconds() - ownCpuBefore)) / Math.max(1, seconds);
        String preamble = preamble(loadBefore, seconds, othersCores);
        String notes = options.notes() != null && Files.exists(options.notes())
                ? Files.readString(options.notes(), StandardCharsets.UTF_8) : null;
        report.write(options.out(), "PixFlow benchmarks", preamble, notes);
        say("load tool done in " + seconds + " s; wrote " + options.out());
    }

    // ---------------------------------------------------------------- 1 and 5: HTTP throughput, QR

    private void throughput(ServerProcess server) throws Exception {
        InetSocketAddress address = server.address();
        Wrk load = new Wrk(address, options.clients(), options.workDirectory());
        Wrk.Request staticGet = new Wrk.Request("static", "GET", STATIC_ASSET, null);
        Wrk.Request create = new Wrk.Request("create", "POST", "/payments/pix", CREATE_BODY);
        Payment qrPayment = createPayments(address, 1).get(0);
        Wrk.Request qrGet = new Wrk.Request("cached QR", "GET", "/payments/pix/" + qrPayment.id() + "/qr.png", null);

        String warmedUp = warmUp(server, load, List.of(staticGet, create, qrGet));

        Measured staticRun = measure(server, load, staticGet);
        Measured createRun = measure(server, load, create);
        Measured qrRun = measure(server, load, qrGet);

        Latencies freshQr = freshQrRenders(address);
        say("fresh QR GET " + freshQr.summary());

        double createVsStatic = createRun.result.perSecond() / staticRun.result.perSecond();
        double createVsFlask = createRun.result.perSecond() / FLASK_DEMO_CREATES_PER_SECOND;
        double qrVsStatic = qrRun.result.perSecond() / staticRun.result.perSecond();
        report.target("create-payment throughput vs static asset, " + options.clients() + " clients",
                "≥ 0.4 × static", per(createRun) + " vs " + per(staticRun),
                Report.ratio(createVsStatic) + " ×", createVsStatic >= 0.4);
        report.target("create-payment throughput vs the Flask demo (69/s)", "≥ 100 × (≥ 6,900/s)", per(createRun),
                Report.ratio(createVsFlask) + " ×", createVsFlask >= 100);
        report.target("cached QR PNG throughput vs static asset", "≥ 0.5 × static",
                per(qrRun) + " vs " + per(staticRun), Report.ratio(qrVsStatic) + " ×", qrVsStatic >= 0.5);
        report.target("first render of a new QR PNG (GET of a fresh payment's qr.png, median)", "≤ 5 ms",
                Latencies.millis(freshQr.percentileMillis(50)) + " ms (p90 "
                        + Latencies.millis(freshQr.percentileMillis(90)) + " ms)",
                Latencies.millis(freshQr.percentileMillis(50)) + " / 5 ms", freshQr.percentileMillis(50) <= 5);

        report.section("1. HTTP throughput (" + options.clients() + " concurrent keep-alive clients)");
        report.paragraph("Each figure is one run of `" + load.command(options.measure(), create) + "` on one "
                + "server process, with the request of the table's second column (the script sets the method, "
                + "`Accept: */*`, the body and its `Content-Type: application/json`, and prints wrk's figures), "
                + "after a warm-up: " + warmedUp + ". Latency is per request, client side, as `wrk` measures it. "
                + "CPU is what each process used over the run, in cores (2 in all); \"other processes\" is the "
                + "rest of the machine, which should be near 0.");
        List<List<String>> rows = new ArrayList<>();
        for (Measured m : List.of(staticRun, createRun, qrRun)) {
            rows.add(List.of(m.name, m.request, Report.number(m.result.perSecond()) + "/s",
                    Latencies.millis(m.result.p50Millis()) + " ms", Latencies.millis(m.result.p99Millis()) + " ms",
                    Long.toString(m.result.errors()), Report.number(m.serverCpuMicros()) + " µs",
                    m.cpu.toString()));
        }
        report.table(List.of("request", "what", "throughput", "p50", "p99", "errors", "server CPU per request",
                "CPU used during the run"), rows);
        report.paragraph(String.format(Locale.ROOT, "By server CPU per request, a create costs %s × a static GET "
                        + "and a cached QR GET %s × (the throughput targets ask for at most 2.5 × and 2 ×, if the "
                        + "server is CPU-bound).",
                Report.number(createRun.serverCpuMicros() / staticRun.serverCpuMicros()),
                Report.number(qrRun.serverCpuMicros() / staticRun.serverCpuMicros())));
        report.paragraph("First render of a QR PNG, measured as " + FRESH_QR_MEASURED + " sequential GETs of "
                + "`/payments/pix/{id}/qr.png` for payments just created, each its first request (after "
                + FRESH_QR_WARMUP + " such GETs to warm the render path): " + freshQr.summary()
                + ". This includes the HTTP exchange and reading the payment; the JMH `renderQrPng` score below is "
                + "the drawing alone.");

        if (options.profile()) {
            profileCreate(server, load, create);
        }
    }

    /**
     * Rounds of every request kind until the JIT is done: on two shared cores, C2 takes the better part of a minute
     * of load to compile Jersey's and Grizzly's paths, and until then throughput is a third of what it becomes.
     * Done when the compiler threads used less than {@link #JIT_QUIET} of a core during a round, or after
     * {@code --max-warmup-seconds}.
     */
    private String warmUp(ServerProcess server, Wrk load, List<Wrk.Request> requests) throws Exception {
        return untilCompilerQuiet(server, "warm-up", () -> {
            for (Wrk.Request request : requests) {
                load.run(options.warmup(), request);
            }
        }, options.warmup().toSeconds() + " s of each kind", options.maxWarmup());
    }

    /** One round of a warm-up. */
    @FunctionalInterface
    private interface Round {
        void run() throws Exception;
    }

    /**
     * Repeats {@code round} until the JIT compiler threads use less than {@link #JIT_QUIET} cores during one, or
     * the warm-up time is up; then lets the compiler drain (see {@link #drainCompiler}). Says how that went.
     */
    private String untilCompilerQuiet(ServerProcess server, String name, Round round, String eachRound,
                                      Duration limit) throws Exception {
        long started = System.nanoTime();
        int rounds = 0;
        double compilerShare;
        do {
            double compilerBefore = server.compilerCpuSeconds();
            long roundStart = System.nanoTime();
            round.run();
            rounds++;
            compilerShare = (server.compilerCpuSeconds() - compilerBefore) / ((System.nanoTime() - roundStart) / 1e9);
            say(String.format(Locale.ROOT, "%s round %d: JIT compiler threads used %.2f cores", name, rounds,
                    compilerShare));
        } while (compilerShare >= JIT_QUIET && System.nanoTime() - started < limit.toNanos());
        return String.format(Locale.ROOT, "%d rounds of %s (%d s), until the JIT compiler threads used %.2f cores "
                        + "in the last round (done below %.2f, or at %d s), then %s", rounds, eachRound,
                (System.nanoTime() - started) / 1_000_000_000L, compilerShare, JIT_QUIET,
                limit.toSeconds(), drainCompiler(server));
    }

    /**
     * Waits, idle, for the JIT compiler to finish what a warm-up queued: on two cores it falls behind under load
     * and would otherwise go on compiling, at up to a core, beside the measured run. Says how long that took.
     */
    private String drainCompiler(ServerProcess server) throws InterruptedException {
        long started = System.nanoTime();
        double share;
        do {
            double before = server.compilerCpuSeconds();
            long windowStart = System.nanoTime();
            Thread.sleep(COMPILER_POLL.toMillis());
            share = (server.compilerCpuSeconds() - before) / ((System.nanoTime() - windowStart) / 1e9);
        } while (share >= JIT_QUIET && System.nanoTime() - started < COMPILER_DRAIN_LIMIT.toNanos());
        long waited = (System.nanoTime() - started) / 1_000_000_000L;
        say(String.format(Locale.ROOT, "compiler queue drained in %d s (%.2f cores in the last second)", waited,
                share));
        return String.format(Locale.ROOT, "%d s idle until the JIT compiler threads used %.2f cores in a second "
                + "(done below %.2f, or at %d s)", waited, share, JIT_QUIET, COMPILER_DRAIN_LIMIT.toSeconds());
    }

    private record Measured(String name, String request, Wrk.Result result, CpuTime.Usage cpu) {

        /** Server CPU per successful request: a cost that depends less than throughput on what else runs. */
        double serverCpuMicros() {
            return cpu.serverSeconds() * 1e6 / Math.max(1, result.successes());
        }
    }

    private Measured measure(ServerProcess server, Wrk load, Wrk.Request request)
            throws IOException, InterruptedException {
        CpuTime.Window cpu = CpuTime.Window.open(server.pid());
        Wrk.Result result = load.run(options.measure(), request);
        CpuTime.Usage usage = cpu.close();
        say(String.format(Locale.ROOT, "%-9s %9.0f/s  %s  errors %d  (%s; %.0f µs server CPU per request)",
                request.name(), result.perSecond(), result.summary(), result.errors(), usage,
                usage.serverSeconds() * 1e6 / Math.max(1, result.successes())));
        return new Measured(request.name(), "`" + request.method() + " " + request.path()
                + (request.body() == null ? "" : " " + request.body()) + "`", result, usage);
    }

    private static String per(Measured m) {
        return Report.number(m.result.perSecond()) + "/s";
    }

    private Latencies freshQrRenders(InetSocketAddress address) throws Exception {
        List<Payment> payments = createPayments(address, FRESH_QR_WARMUP + FRESH_QR_MEASURED);
        long[] took = new long[FRESH_QR_MEASURED];
        int measured = 0;
        try (HttpConnection connection = new HttpConnection(address, IO_TIMEOUT)) {
            for (int i = 0; i < payments.size(); i++) {
                byte[] get = HttpConnection.request("GET", "/payments/pix/" + payments.get(i).id() + "/qr.png",
                        address, null);
                long sent = System.nanoTime();
                HttpConnection.Response response = connection.exchange(get);
                long elapsed = System.nanoTime() - sent;
                if (response.status() != 200) {
                    throw new IllegalStateException("qr.png answered " + response.status());
                }
                if (i >= FRESH_QR_WARMUP) {
                    took[measured++] = elapsed;
                }
            }
        }
        return Latencies.of(took, measured);
    }

    private void profileCreate(ServerProcess server, Wrk load, Wrk.Request create) throws Exception {
        Path recording = options.workDirectory().resolve("create.jfr").toAbsolutePath();
        Files.deleteIfExists(recording);
        String started = server.jcmd("JFR.start", "name=bench", "settings=profile");
        if (started.isEmpty() || !started.contains("Started recording")) {
            say("no JFR profile: " + started.strip());
            return;
        }
        load.run(PROFILE_WINDOW, create);
        server.jcmd("JFR.stop", "name=bench", "filename=" + recording);
        Profile profile = Profile.read(recording, 15);
        say("profiled create: " + profile.samples() + " samples in " + recording);
        report.section("Profile of the create path (JFR, " + PROFILE_WINDOW.toSeconds() + " s of create load)");
        report.paragraph("`jcmd <pid> JFR.start settings=profile` during " + PROFILE_WINDOW.toSeconds()
                + " s of the same " + options.clients() + "-client create load, after the measured runs; "
                + profile.samples() + " Java execution samples (threads running Java code; time blocked in "
                + "I/O or waiting does not show). The recording is kept as `" + options.workDirectory()
                + "/create.jfr` (`jfr print --events jdk.ExecutionSample` or `jfr summary` to read it).");
        report.table(List.of("component, self (where the sample was taken)", "share of samples"),
                Report.rows(profile.selfByComponent(), profile.samples()));
        report.table(List.of("component, inclusive (anywhere on the stack)", "share of samples"),
                Report.rows(profile.inclusiveByComponent(), profile.samples()));
        report.table(List.of("stage, inclusive", "share of samples"),
                Report.rows(profile.inclusiveMarkers(), profile.samples()));
        report.table(List.of("hottest methods (self)", "share of samples"),
                Report.rows(profile.topMethods(), profile.samples()));
    }

    // ---------------------------------------------------------------- 2 and 3: WebSocket events, memory

    private void webSockets(ServerProcess server) throws Exception {
        InetSocketAddress address = server.address();
        URI base = URI.create("ws://" + address.getHostString() + ":" + address.getPort() + "/");
        ExecutorService callbacks = Executors.newFixedThreadPool(2, daemon("ws-client"));
        HttpClient client = HttpClient.newBuilder().executor(callbacks).connectTimeout(IO_TIMEOUT).build();
        List<StatusSubscriber> crowd = List.of();
        try {
            say("event latency, idle: warm-up rounds of " + EVENT_WARMUP + " concurrent cycles, then "
                    + LATENCY_WARMUP + " uncounted + " + options.confirmations() + " measured confirmations");
            String warmedUp = warmUpEvents(server);
            List<Payment> idlePayments = createPayments(address, LATENCY_WARMUP + options.confirmations());
            double compilerBefore = server.compilerCpuSeconds();
            long idleStart = System.nanoTime();
            EventRun idle = eventLatency(address, idlePayments);
            double idleCompilerShare = (server.compilerCpuSeconds() - compilerBefore)
                    / ((System.nanoTime() - idleStart) / 1e9);
            say(String.format(Locale.ROOT, "idle %s, lost %d; JIT compiler threads %.2f cores",
                    idle.latencies.summary(), idle.lost, idleCompilerShare));

            say("creating " + options.subscribers() + " payments for the subscribers, and "
                    + (LATENCY_WARMUP + options.confirmations()) + " more to confirm among them");
            List<Payment> crowdPayments = createPayments(address, options.subscribers());
            List<Payment> loadedPayments = createPayments(address, LATENCY_WARMUP + options.confirmations());

            Histogram heapBefore = Histogram.parse(server.jcmd("GC.class_histogram"));
            server.collectGarbage(GC_SETTLE);
            long rssBefore = server.rssKib();
            long threadsBefore = server.threads();
            say("RSS before subscribers " + Report.mib(rssBefore) + ", " + threadsBefore + " threads");
            long connectStart = System.nanoTime();
            crowd = connectAll(client, base, crowdPayments);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            int connected = (int) crowd.stream().filter(s -> s.snapshot().isDone()
                    && !s.snapshot().isCompletedExceptionally()).count();
            long rssConnected = server.rssKib();
            Histogram heapAfter = Histogram.parse(server.jcmd("GC.class_histogram"));
            boolean gcRan = server.collectGarbage(GC_SETTLE);
            long rssAfter = server.rssKib();
            long threadsAfter = server.threads();
            double perSubscriberKib = (rssAfter - rssBefore) / (double) Math.max(1, connected);
            double perSubscriberRawKib = (rssConnected - rssBefore) / (double) Math.max(1, connected);
            say(String.format(Locale.ROOT, "%d/%d connected in %.1f s; RSS %s → %s (%s after GC): %.1f KiB each",
                    connected, crowd.size(), connectSeconds, Report.mib(rssBefore), Report.mib(rssConnected),
                    Report.mib(rssAfter), perSubscriberKib));

            EventRun loaded = eventLatency(address, loadedPayments);
            say("with " + connected + " subscribers " + loaded.latencies.summary() + ", lost " + loaded.lost);

            FanOut fanOut = fanOut(address, crowd, crowdPayments);
            say("fan-out: " + fanOut.received + "/" + crowd.size() + " received their own event, lost "
                    + fanOut.lost + ", foreign " + fanOut.foreign + "; " + fanOut.latencies.summary());

            reportWebSockets(warmedUp, idleCompilerShare, idle, loaded, connected, connectSeconds, rssBefore,
                    rssConnected, rssAfter, gcRan, threadsBefore, threadsAfter, perSubscriberKib, perSubscriberRawKib,
                    fanOut);
            reportHeapGrowth(heapBefore, heapAfter, connected);
        } finally {
            crowd.forEach(StatusSubscriber::abort);
            callbacks.shutdownNow();
        }
    }

    /** @param latencies confirmation sent → event arrived */
    private record EventRun(Latencies latencies, int lost, int subscribeFailures) {
    }

    /**
     * For each payment in turn: subscribe, await the snapshot, then time from just before the confirmation is
     * written to the socket to the arrival of the {@code confirmed} message; then drop the subscriber. The first
     * {@link #LATENCY_WARMUP} are not counted.
     */
    private EventRun eventLatency(InetSocketAddress address, List<Payment> payments) throws Exception {
        long[] took = new long[payments.size()];
        int measured = 0;
        int lost = 0;
        int subscribeFailures = 0;
        HttpConnection connection = new HttpConnection(address, IO_TIMEOUT);
        try {
            for (int i = 0; i < payments.size(); i++) {
                Payment payment = payments.get(i);
                BlockingSubscriber subscriber;
                try {
                    subscriber = BlockingSubscriber.open(address, payment.id(), IO_TIMEOUT);
                } catch (IOException e) {
                    subscribeFailures++;
                    continue;
                }
                try (subscriber) {
                    try {
                        subscriber.awaitSnapshot(SNAPSHOT_TIMEOUT);
                    } catch (IOException e) {
                        subscribeFailures++;
                        continue;
                    }
                    Thread.sleep(SUBSCRIBED_BEFORE_CONFIRMING.toMillis());
                    byte[] confirm = confirmation(address, payment);
                    if (!connection.reusable()) {
                        connection.close();
                        connection = new HttpConnection(address, IO_TIMEOUT);
                    }
                    long sent = System.nanoTime();
                    connection.send(confirm);
                    long arrived = -1;
                    try {
                        arrived = subscriber.awaitConfirmed(EVENT_TIMEOUT);
                    } catch (IOException e) {
                        if (i >= LATENCY_WARMUP) {
                            lost++;
                        }
                    }
                    HttpConnection.Response response = connection.receive();
                    if (response.status() != 200) {
                        throw new IllegalStateException("confirmation answered " + response.status() + ": "
                                + response.text());
                    }
                    if (i >= LATENCY_WARMUP && arrived >= 0) {
                        took[measured++] = arrived - sent;
                    }
                }
            }
        } finally {
            connection.close();
        }
        return new EventRun(Latencies.of(took, measured), lost, subscribeFailures);
    }

    /**
     * Rounds of {@link #EVENT_WARMUP} concurrent cycles, then of {@link #SEQUENTIAL_EVENT_WARMUP} sequential ones,
     * each until the JIT compiler is quiet; says how that went.
     */
    private String warmUpEvents(ServerProcess server) throws Exception {
        InetSocketAddress address = server.address();
        String concurrent = untilCompilerQuiet(server, "event warm-up",
                () -> eventCycles(address, createPayments(address, EVENT_WARMUP)),
                String.format(Locale.ROOT, "%,d subscribe-confirm-receive cycles run %d at a time", EVENT_WARMUP,
                        EVENT_WARMUP_THREADS), CONCURRENT_EVENT_WARMUP_LIMIT);
        String sequential = untilCompilerQuiet(server, "sequential event warm-up",
                () -> eventLatency(address, createPayments(address, SEQUENTIAL_EVENT_WARMUP)),
                String.format(Locale.ROOT, "%,d cycles one at a time, as the idle run makes them",
                        SEQUENTIAL_EVENT_WARMUP), options.maxWarmup());
        return concurrent + "; then " + sequential;
    }

    private void eventCycles(InetSocketAddress address, List<Payment> payments)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        int share = (payments.size() + EVENT_WARMUP_THREADS - 1) / EVENT_WARMUP_THREADS;
        for (int t = 0; t < EVENT_WARMUP_THREADS; t++) {
            List<Payment> mine = payments.subList(Math.min(payments.size(), t * share),
                    Math.min(payments.size(), (t + 1) * share));
            Thread thread = new Thread(() -> {
                try {
                    eventLatency(address, mine);
                } catch (Exception e) {
                    say("event warm-up thread failed: " + e);
                }
            }, "event-warm-up-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            // Each cycle is bounded by the snapshot and event timeouts; this bounds the whole warm-up.
            thread.join(CONNECT_ALL_TIMEOUT.toMillis());
        }
    }

    private List<StatusSubscriber> connectAll(HttpClient client, URI base, List<Payment> payments)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<StatusSubscriber> subscribers = new ArrayList<>(payments.size());
        long deadline = System.nanoTime() + CONNECT_ALL_TIMEOUT.toNanos();
        for (Payment payment : payments) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            StatusSubscriber subscriber = StatusSubscriber.connect(client, base, payment.id(), IO_TIMEOUT);
            subscriber.snapshot().whenComplete((ok, error) -> inFlight.release());
            subscribers.add(subscriber);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(subscribers.stream()
                .map(s -> s.snapshot().exceptionally(e -> null)).toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Counted by the caller: a subscriber without its snapshot is not connected.
        }
        return subscribers;
    }

    private record FanOut(int received, int lost, int foreign, Latencies latencies, double confirmationsPerSecond) {
    }

    /** Confirms every subscriber's payment; each must receive its own event and no other. */
    private FanOut fanOut(InetSocketAddress address, List<StatusSubscriber> subscribers, List<Payment> payments)
            throws Exception {
        int n = subscribers.size();
        long[] sentAt = new long[n];
        byte[][] requests = new byte[n][];
        for (int i = 0; i < n; i++) {
            requests[i] = confirmation(address, payments.get(i));
        }
        ClosedLoop.Result result = new ClosedLoop(address, FAN_OUT_CLIENTS).run(FAN_OUT_TIMEOUT, n, i -> {
            sentAt[i] = System.nanoTime();
            return requests[i];
        }, 200, ClosedLoop.ResponseSink.IGNORE);
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        long[] took = new long[n];
        int received = 0;
        int lost = 0;
        int foreign = 0;
        for (int i = 0; i < n; i++) {
            StatusSubscriber subscriber = subscribers.get(i);
            try {
                long arrived = subscriber.confirmedAtNanos().get(Math.max(1, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                took[received++] = arrived - sentAt[i];
            } catch (ExecutionException | TimeoutException e) {
                lost++;
            }
            foreign += subscriber.foreignEvents();
        }
        return new FanOut(received, lost, foreign, Latencies.of(took, received), result.perSecond());
    }

    private void reportWebSockets(String warmedUp, double idleCompilerShare, EventRun idle, EventRun loaded,
                                  int connected, double connectSeconds,
                                  long rssBefore, long rssConnected, long rssAfter, boolean gcRan,
                                  long threadsBefore, long threadsAfter, double perSubscriberKib,
                                  double perSubscriberRawKib, FanOut fanOut) {
        int n = options.subscribers();
        report.target("confirmation → WebSocket event, idle server", "p99 ≤ 5 ms, 0 lost",
                "p99 " + Latencies.millis(idle.latencies.percentileMillis(99)) + " ms, " + idle.lost + " lost",
                Latencies.millis(idle.latencies.percentileMillis(99)) + " / 5 ms",
                idle.latencies.percentileMillis(99) <= 5 && idle.lost == 0 && idle.subscribeFailures == 0);
        report.target("confirmation → WebSocket event, " + String.format(Locale.ROOT, "%,d", connected)
                        + " other subscribers connected", "p99 ≤ 20 ms, 0 lost",
                "p99 " + Latencies.millis(loaded.latencies.percentileMillis(99)) + " ms, " + loaded.lost + " lost",
                Latencies.millis(loaded.latencies.percentileMillis(99)) + " / 20 ms",
                loaded.latencies.percentileMillis(99) <= 20 && loaded.lost == 0 && loaded.subscribeFailures == 0
                        && connected == n);
        report.target("server RSS per connected subscriber at " + String.format(Locale.ROOT, "%,d", n),
                "≤ 20 KB each", Report.number(perSubscriberKib) + " KiB each",
                Report.number(perSubscriberKib * 1024 / 1000) + " / 20 KB",
                perSubscriberKib * 1024 <= 20_000 && connected == n);
        report.target("each of the " + String.format(Locale.ROOT, "%,d", n) + " subscribers receives its own event",
                "all, none foreign", fanOut.received + " received, " + fanOut.lost + " lost, " + fanOut.foreign
                        + " foreign", fanOut.received + " / " + n, fanOut.received == n && fanOut.foreign == 0);

        report.section("2. Confirmation → WebSocket event latency");
        report.paragraph("After a warm-up of " + warmedUp + ", for each of " + options.confirmations()
                + " payments in turn "
                + "(after " + LATENCY_WARMUP + " uncounted): open `WS /ws/payments/{id}` on a blocking socket that "
                + "the measuring thread reads itself, wait for the snapshot and "
                + SUBSCRIBED_BEFORE_CONFIRMING.toMillis() + " ms more, then time from just before "
                + "`POST /payments/pix/confirmation` is written to the arrival "
                + "of the `{\"type\":\"confirmed\",…}` message; an event not there within "
                + EVENT_TIMEOUT.toSeconds()
                + " s counts as lost. One confirmation at a time, so this is latency, not throughput.");
        report.table(List.of("run", "p50", "p90", "p99", "max", "mean", "lost", "subscribe failures"), List.of(
                latencyRow("idle (one subscriber)", idle.latencies, idle),
                latencyRow(String.format(Locale.ROOT, "%,d other subscribers connected", connected), loaded.latencies,
                        loaded)));
        report.paragraph(String.format(Locale.ROOT, "The JIT compiler threads used %.2f cores during the idle run.",
                idleCompilerShare));

        report.section("3. Memory per subscriber and delivery to each of " + String.format(Locale.ROOT, "%,d", n));
        report.paragraph("Payments created first; then " + (gcRan ? "`jcmd <pid> GC.run` and " : "")
                + GC_SETTLE.toSeconds() + " s of rest before reading `VmRSS` from `/proc/<pid>/status`; then "
                + String.format(Locale.ROOT, "%,d", n) + " subscribers connected (at most " + CONNECTS_IN_FLIGHT
                + " handshakes in flight), each on its own payment, each waiting for its snapshot; RSS read at once, "
                + "then again after another full GC and rest.");
        report.table(List.of("", "value"), List.of(
                List.of("subscribers connected", connected + " / " + n + String.format(Locale.ROOT,
                        " in %.1f s (%s handshakes/s)", connectSeconds, Report.number(connected / connectSeconds))),
                List.of("RSS before", Report.mib(rssBefore) + ", " + threadsBefore + " threads"),
                List.of("RSS with subscribers, at once", Report.mib(rssConnected)
                        + " (" + Report.number(perSubscriberRawKib) + " KiB each)"),
                List.of("RSS with subscribers, after GC", Report.mib(rssAfter) + ", " + threadsAfter + " threads"
                        + " (**" + Report.number(perSubscriberKib) + " KiB each**)")));
        report.paragraph("Then every one of the " + String.format(Locale.ROOT, "%,d", n) + " payments was confirmed ("
                + FAN_OUT_CLIENTS + " concurrent clients, " + Report.number(fanOut.confirmationsPerSecond)
                + " confirmations/s): " + fanOut.received + " subscribers received their own `confirmed` event, "
                + fanOut.lost + " none within " + EVENT_TIMEOUT.toSeconds() + " s, " + fanOut.foreign
                + " events reached a subscriber of another payment. Confirmation → event under that burst: "
                + fanOut.latencies.summary() + ".");
    }

    private void reportHeapGrowth(Histogram before, Histogram after, int connected) {
        if (before.bytesByClass().isEmpty() || after.bytesByClass().isEmpty() || connected == 0) {
            return;
        }
        long grown = after.totalBytes() - before.totalBytes();
        report.paragraph(String.format(Locale.ROOT, "Live heap (`jcmd <pid> GC.class_histogram`, after its full "
                        + "collection) grew by %s for %,d subscribers: **%s KiB each**; the rest of the RSS growth is "
                        + "heap the collector keeps committed, thread stacks and native buffers. Largest growth by "
                        + "class, per subscriber:", Report.mib(grown / 1024), connected,
                Report.number(grown / 1024.0 / connected)));
        List<List<String>> rows = new ArrayList<>();
        after.growthSince(before, 12).forEach((name, bytes) -> rows.add(List.of("`" + name + "`",
                Report.number(bytes / (double) connected) + " B")));
        report.table(List.of("class", "bytes per subscriber"), rows);
    }

    private static List<String> latencyRow(String name, Latencies l, EventRun run) {
        return List.of(name, Latencies.millis(l.percentileMillis(50)) + " ms",
                Latencies.millis(l.percentileMillis(90)) + " ms", Latencies.millis(l.percentileMillis(99)) + " ms",
                Latencies.millis(l.maxMillis()) + " ms", Latencies.millis(l.meanMillis()) + " ms",
                Integer.toString(run.lost), Integer.toString(run.subscribeFailures));
    }

    // ---------------------------------------------------------------- 4: start time and idle RSS

    /**
     * AppCDS: one training run with {@code -XX:ArchiveClassesAtExit} that loads the classes a real run loads
     * (every route, a WebSocket with an event), stopped with SIGTERM so the JVM writes the archive as it exits;
     * then the flags that map it. The archive belongs to this jar: it is made again on every run.
     */
    private List<String> withAppCdsArchive(List<String> flags) throws Exception {
        Path archive = options.workDirectory().resolve("pixflow.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(flags);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        long started = System.nanoTime();
        try (ServerProcess server = startServer("cds-training", training)) {
            exerciseEveryRoute(server.address());
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run wrote no AppCDS archive; see "
                    + options.workDirectory().resolve("cds-training.log"));
        }
        say("AppCDS archive " + archive + " (" + Files.size(archive) / (1024 * 1024) + " MiB) made in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        List<String> withArchive = new ArrayList<>(flags);
        withArchive.add("-XX:SharedArchiveFile=" + archive);
        return withArchive;
    }

    private void exerciseEveryRoute(InetSocketAddress address) throws Exception {
        List<Payment> payments = createPayments(address, 50);
        Payment first = payments.get(0);
        try (HttpConnection connection = new HttpConnection(address, IO_TIMEOUT)) {
            for (String path : List.of("/payments/pix/" + first.id(), "/payments/pix/" + first.id() + "/qr.png",
                    "/payments/pix/qr_code/qr_code_payment_" + first.bankPaymentId(), "/static/pixflow.css",
                    "/static/pixflow.js", "/static/favicon.svg", "/health", "/payments/pix/unknown")) {
                connection.exchange(HttpConnection.request("GET", path, address, null));
            }
            connection.exchange(HttpConnection.request("DELETE", "/payments/pix/" + payments.get(1).id(), address,
                    null));
        }
        eventLatency(address, payments.subList(2, payments.size()));
    }

    private void startTimes() throws Exception {
        StartRuns chosen = startRuns(serverFlags, "chosen");
        report.target("process start → listening line (median of " + options.starts() + ", empty database)",
                "≤ 2 s", chosen.medianMillis() + " ms", Report.number(chosen.medianMillis() / 1000.0) + " / 2 s",
                chosen.medianMillis() <= 2000);
        report.target("idle RSS after start (median)", "≤ 150 MB", Report.mib(chosen.medianRssKib()),
                Report.number(chosen.medianRssKib() * 1024 / 1e6) + " / 150 MB",
                chosen.medianRssKib() * 1024 <= 150_000_000L);
        report.section("4. Start time and idle memory");
        report.paragraph("Each start: a new process on a new, empty H2 database (so Flyway migrates), timed from "
                + "just before the process is spawned to the `PixFlow listening on` line; RSS read "
                + IDLE_AFTER_START.toSeconds() + " s later, with no request served.");
        List<List<String>> rows = new ArrayList<>();
        rows.add(chosen.row("chosen: " + flagsText(serverFlags)));
        int compared = 0;
        for (List<String> flags : options.compareFlags()) {
            if (!flags.equals(serverFlags)) {
                StartRuns other = startRuns(flags, "compare-" + ++compared);
                rows.add(other.row("for comparison: " + flagsText(flags)));
            }
        }
        report.table(List.of("JVM flags", "start → listening, each run", "median", "idle RSS, each run", "median"),
                rows);
    }

    private record StartRuns(long[] millis, long[] rssKib) {

        long medianMillis() {
            return median(millis);
        }

        long medianRssKib() {
            return median(rssKib);
        }

        List<String> row(String flags) {
            return List.of(flags, Arrays.toString(millis).replaceAll("[\\[\\]]", "") + " ms",
                    medianMillis() + " ms",
                    Arrays.stream(rssKib).mapToObj(Report::mib).reduce((a, b) -> a + ", " + b).orElse(""),
                    Report.mib(medianRssKib()));
        }

        private static long median(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    private StartRuns startRuns(List<String> flags, String label) throws Exception {
        long[] millis = new long[options.starts()];
        long[] rss = new long[options.starts()];
        for (int i = 0; i < options.starts(); i++) {
            String name = label + "-start-" + (i + 1);
            try (ServerProcess server = startServer(name, flags)) {
                millis[i] = server.startedToListening().toMillis();
                Thread.sleep(IDLE_AFTER_START.toMillis());
                rss[i] = server.rssKib();
                say(name + ": " + millis[i] + " ms to listening, idle RSS " + Report.mib(rss[i]));
            }
        }
        return new StartRuns(millis, rss);
    }

    // ---------------------------------------------------------------- JMH

    private void jmh() throws IOException {
        report.section("5. JMH: the hot pure code");
        if (options.jmhCsv() == null || !Files.exists(options.jmhCsv())) {
            report.paragraph("Not run this time (no `--jmh-csv`).");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(options.jmhCsv());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (cells.length < 7) {
                continue;
            }
            String benchmark = unquote(cells[0]);
            benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            rows.add(List.of("`" + benchmark + "`", Report.number(Double.parseDouble(cells[4])) + " ± "
                    + Report.number(Double.parseDouble(cells[5])), unquote(cells[6]), cells[3]));
        }
        report.paragraph("`HotPathBenchmarks`: average time per operation, one fork, 5 warm-up and 5 measured "
                + "iterations of 1 s, ± the 99.9 % confidence half-width JMH reports. `buildBrCode` = "
                + "`BrCode.builder(merchant).amount(..).txid(..).build().payload()` (TLV + CRC-16), `parseBrCode` = "
                + "`BrCode.parse` (TLV, CRC and PIX rules), `renderQrPng` = `new ZxingQrCodeRenderer().renderPng`; "
                + "then `renderQrPng` taken apart with the same settings: `qrEncode` (ZXing's QR encoding, which "
                + "scores all 8 mask patterns), `qrToImage` (`MatrixToImageWriter.toBufferedImage`, one `setRGB` per "
                + "pixel), `qrImageToPng` (ImageIO's PNG writer), and two alternatives: `qrEncodeFixedMask` "
                + "(`EncodeHintType.QR_MASK_PATTERN` = 0) and `qrToImageRaster` (the same pixels written straight "
                + "into the 1-bit raster).");
        report.table(List.of("benchmark", "score ± error", "unit", "samples"), rows);
    }

    private static String unquote(String cell) {
        return cell.replace("\"", "");
    }

    // ---------------------------------------------------------------- helpers

    private record Payment(String id, String bankPaymentId) {
    }

    private List<Payment> createPayments(InetSocketAddress address, int count) throws InterruptedException {
        ConcurrentLinkedQueue<Payment> created = new ConcurrentLinkedQueue<>();
        byte[] create = HttpConnection.request("POST", "/payments/pix", address, CREATE_BODY);
        ClosedLoop.Result result = new ClosedLoop(address, Math.min(options.clients(), count))
                .run(Duration.ofSeconds(300), count, n -> create, 201, response -> {
                    String json = response.text();
                    Matcher id = PAYMENT_ID.matcher(json);
                    Matcher bank = BANK_PAYMENT_ID.matcher(json);
                    if (!id.find() || !bank.find()) {
                        throw new IllegalStateException("unexpected create response: " + json);
                    }
                    created.add(new Payment(id.group(1), bank.group(1)));
                });
        if (created.size() != count) {
            throw new IllegalStateException("created " + created.size() + " of " + count + " payments ("
                    + result.errors() + " errors)");
        }
        return new ArrayList<>(created);
    }

    private static byte[] confirmation(InetSocketAddress address, Payment payment) {
        return HttpConnection.request("POST", "/payments/pix/confirmation", address,
                "{\"bank_payment_id\": \"" + payment.bankPaymentId() + "\", \"value\": 15.00}");
    }

    private ServerProcess startServer(String name) throws IOException {
        return startServer(name, serverFlags);
    }

    private ServerProcess startServer(String name, List<String> flags) throws IOException {
        Path data = options.workDirectory().resolve("data-" + name);
        return ServerProcess.start(options.jar(), flags, data, options.workDirectory().resolve(name + ".log"));
    }

    private String preamble(String loadBefore, long seconds, double othersCores) {
        StringBuilder text = new StringBuilder();
        text.append("Generated by `").append(options.command()).append("` (the whole suite: build, JMH, load tool). ")
                .append("Figures are from one run on the machine below, where the load generator and the server ")
                .append("share the same two cores, so absolute numbers are noisy and low; ratios measured in the same ")
                .append("run are the meaningful part.\n\n");
        List<List<String>> machine = new ArrayList<>(Report.machine());
        machine.add(List.of("server JVM flags", flagsText(serverFlags)
                + (options.appCds() ? " (the archive made by a training run of the same jar, see §4)" : "")));
        machine.add(List.of("load generator", "HTTP throughput: " + Wrk.version() + ", "
                + options.clients() + " keep-alive connections on 2 threads; setup and QR renders: blocking "
                + "keep-alive HTTP/1.1 sockets; JDK `java.net.http.WebSocket` subscribers (2 callback threads)"));
        machine.add(List.of("1-minute load average before / after", loadBefore + " / " + Report.loadAverage()));
        machine.add(List.of("CPU used by other processes during the load tool's run", Report.number(othersCores)
                + " cores on average"
                + (othersCores > 0.2 ? " — **the machine was not idle: figures are low**" : "")));
        machine.add(List.of("run time", options.suiteStarted() > 0
                ? "whole suite " + (System.currentTimeMillis() / 1000 - options.suiteStarted()) + " s (build, JMH, "
                        + "load tool), of which load tool " + seconds + " s"
                : "load tool " + seconds + " s"));
        text.append("| machine | |\n|---|---|\n");
        for (List<String> row : machine) {
            text.append("| ").append(row.get(0)).append(" | ").append(row.get(1)).append(" |\n");
        }
        return text.toString().strip();
    }

    private static String flagsText(List<String> flags) {
        return flags.isEmpty() ? "(JVM defaults)" : "`" + String.join(" ", flags) + "`";
    }

    private void say(String line) {
        System.out.println("[load] " + line);
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
