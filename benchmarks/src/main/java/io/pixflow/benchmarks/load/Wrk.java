package io.pixflow.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP throughput runs, made by {@code wrk} (Debian's package): {@code clients} keep-alive connections on two
 * event-loop threads, each sending its next request as soon as the previous answer is in.
 *
 * <p>Why not a JVM client: the load generator takes its CPU from the two cores the server runs on. On one warm
 * server, taking turns, the warm blocking client of {@link ClosedLoop} used 43–53 µs of CPU per create and
 * 39–46 µs per static GET, {@code wrk} 26–29 µs; the server spent the same per request under either (210–231 µs
 * per create), and made 7 % more creates and 12 % more static GETs under {@code wrk} (benchmarks/notes.md,
 * step 14).
 *
 * <p>The Lua script only sets the request, so {@code wrk} sends it prepared and parses nothing but the status
 * line and the framing; its {@code done} hook prints one line of figures that {@link #run} reads.
 */
final class Wrk {

    /** One event loop per core: 16 of the 32 connections on each. */
    private static final int THREADS = 2;
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(30);
    private static final String FIGURES = "pixflow-wrk";

    private final InetSocketAddress server;
    private final int clients;
    private final Path workDirectory;

    Wrk(InetSocketAddress server, int clients, Path workDirectory) {
        this.server = server;
        this.clients = clients;
        this.workDirectory = workDirectory;
    }

    /** {@code wrk debian/4.1.0-3+b2 [epoll]}: the first line of {@code wrk -v}, for the report. */
    static String version() {
        try {
            Process process = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().findFirst().orElse("wrk");
            process.waitFor(EXIT_GRACE.toSeconds(), TimeUnit.SECONDS);
            int copyright = first.indexOf(" Copyright");
            return "`" + (copyright < 0 ? first : first.substring(0, copyright)).strip() + "`";
        } catch (IOException e) {
            return "`wrk` (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "`wrk`";
        }
    }

    /** The command line, for the report. */
    String command(Duration duration, Request request) {
        return "wrk -t" + THREADS + " -c" + clients + " -d" + duration.toSeconds() + "s --timeout "
                + IO_TIMEOUT.toSeconds() + "s -s " + scriptName(request) + " http://127.0.0.1:PORT" + request.path();
    }

    /** A request {@code wrk} repeats; {@code body} is JSON, or null for a GET. */
    record Request(String name, String method, String path, String body) {
    }

    /**
     * @param successes answers below 400, as {@code wrk} counts them (the requests measured here answer 200 or 201
     *                  when they succeed, and a problem with a 4xx or 5xx status when not)
     * @param errors    answers of 400 and above, and connections that failed or timed out
     */
    record Result(long successes, long errors, double seconds, double p50Millis, double p90Millis,
                  double p99Millis, double maxMillis) {

        double perSecond() {
            return successes / seconds;
        }

        String summary() {
            return String.format(Locale.ROOT, "p50 %s / p90 %s / p99 %s / max %s ms (n = %d)",
                    Latencies.millis(p50Millis), Latencies.millis(p90Millis), Latencies.millis(p99Millis),
                    Latencies.millis(maxMillis), successes);
        }
    }

    Result run(Duration duration, Request request) throws IOException, InterruptedException {
        Path script = workDirectory.resolve(scriptName(request));
        Files.writeString(script, script(request), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + THREADS, "-c" + clients,
                "-d" + duration.toSeconds() + "s", "--timeout", IO_TIMEOUT.toSeconds() + "s",
                "-s", script.toString(), "http://" + server.getHostString() + ":" + server.getPort()
                        + request.path()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("could not run wrk (on Debian: apt-get install -y wrk): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(EXIT_GRACE.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("wrk failed: " + String.join(" ", command) + "\n" + output);
        }
        String figures = output.lines().filter(line -> line.startsWith(FIGURES + " ")).findFirst()
                .orElseThrow(() -> new IOException("wrk printed no figures:\n" + output));
        try {
            return figures(figures);
        } catch (RuntimeException e) {
            throw new IOException("wrk's figures unreadable: " + figures, e);
        }
    }

    private static String scriptName(Request request) {
        return request.name().replace(' ', '-') + ".lua";
    }

    private static String script(Request request) {
        StringBuilder lua = new StringBuilder()
                .append("wrk.method = \"").append(request.method()).append("\"\n")
                .append("wrk.headers[\"Accept\"] = \"*/*\"\n");
        if (request.body() != null) {
            lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
                    .append("wrk.body = \"").append(request.body().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"\n");
        }
        // Latencies are in microseconds, the duration too.
        return lua.append("done = function(summary, latency, requests)\n")
                .append("  local e = summary.errors\n")
                .append("  io.write(string.format(\"").append(FIGURES).append(" %d %d %d %d %d %d %d %d\\n\",\n")
                .append("    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,\n")
                .append("    summary.duration, latency:percentile(50), latency:percentile(90),\n")
                .append("    latency:percentile(99), latency.max))\n")
                .append("end\n").toString();
    }

    private static Result figures(String line) {
        String[] f = line.substring(FIGURES.length() + 1).trim().split(" ");
        long completed = Long.parseLong(f[0]);
        long badStatus = Long.parseLong(f[1]);
        long failed = Long.parseLong(f[2]);
        return new Result(completed - badStatus, badStatus + failed, Long.parseLong(f[3]) / 1e6,
                Long.parseLong(f[4]) / 1e3, Long.parseLong(f[5]) / 1e3, Long.parseLong(f[6]) / 1e3,
                Long.parseLong(f[7]) / 1e3);
    }
}
