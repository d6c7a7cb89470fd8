package io.pixflow.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java <flags> -jar pixflow.jar} in its own process, on a port the system picks and a fresh H2 file
 * database, as an operator would start it. Its output goes to a log file; the port comes from the line
 * {@code PixFlow listening on http://HOST:PORT}.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("PixFlow listening on http://([^:/\\s]+):(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final InetSocketAddress address;
    private final long startedToListeningNanos;
    private final Path dataDirectory;

    private ServerProcess(Process process, InetSocketAddress address, long startedToListeningNanos,
                          Path dataDirectory) {
        this.process = process;
        this.address = address;
        this.startedToListeningNanos = startedToListeningNanos;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server and waits for its listening line.
     *
     * @param dataDirectory a directory for the database, {@code <dir>/pixflow}: emptied now, deleted by
     *                      {@link #close()} (a few minutes of load leave hundreds of MiB)
     * @param log           where the server's output goes
     */
    static ServerProcess start(Path jar, List<String> jvmFlags, Path dataDirectory, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaTool("java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PIXFLOW_"));
        env.put("PIXFLOW_PORT", "0");
        env.put("PIXFLOW_HOST", "127.0.0.1");
        // The load is one client address creating thousands of payments a second: far past the default limit.
        env.put("PIXFLOW_CREATE_RATE_LIMIT", "1000000/1000000");
        env.put("PIXFLOW_DB_URL", "jdbc:h2:file:" + dataDirectory.toAbsolutePath() + "/pixflow");
        deleteRecursively(dataDirectory);
        Files.createDirectories(dataDirectory);
        Files.createDirectories(log.toAbsolutePath().getParent());

        CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();
        long started = System.nanoTime();
        Process process = builder.start();
        Thread reader = new Thread(() -> copyOutput(process, log, listening), "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            InetSocketAddress address = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new ServerProcess(process, address, System.nanoTime() - started, dataDirectory);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the server did not print its listening line within " + START_TIMEOUT
                    + "; see " + log, e);
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<InetSocketAddress> listening) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!listening.isDone()) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        // Complete first, write after: the file write must not count as start time.
                        listening.complete(new InetSocketAddress(matcher.group(1),
                                Integer.parseInt(matcher.group(2))));
                    }
                }
                file.println(line);
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        } finally {
            listening.completeExceptionally(new IOException("the server's output ended"));
        }
    }

    InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    /** From just before the process was spawned to the moment its listening line was read. */
    Duration startedToListening() {
        return Duration.ofNanos(startedToListeningNanos);
    }

    /** Resident set size now, in KiB ({@code VmRSS} of {@code /proc/<pid>/status}). */
    long rssKib() {
        return statusField("VmRSS");
    }

    /** CPU seconds the JIT compiler threads have used so far: while they are busy, the server is not warm. */
    double compilerCpuSeconds() {
        double seconds = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        seconds += CpuTime.threadSeconds(task.resolve("stat"));
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return seconds;
    }

    long threads() {
        return statusField("Threads");
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.substring(name.length() + 1).trim().split("\\s+")[0]);
                }
            }
            throw new IllegalStateException(name + " missing from /proc/" + pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid() + "/status; is the server alive?", e);
        }
    }

    /** {@code jcmd <pid> <command...>}; returns its output, or an empty string when jcmd is not there. */
    String jcmd(String... command) throws IOException, InterruptedException {
        Path jcmd = javaTool("jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "";
        }
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid())));
        line.addAll(List.of(command));
        Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!run.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            run.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", command) + " did not finish within " + JCMD_TIMEOUT);
        }
        return output.join();
    }

    /** A full collection ({@code jcmd GC.run}, i.e. System.gc()), then {@code settle} for the heap to shrink. */
    boolean collectGarbage(Duration settle) throws IOException, InterruptedException {
        boolean ran = !jcmd("GC.run").isEmpty();
        Thread.sleep(settle.toMillis());
        return ran;
    }

    /**
     * SIGTERM, so the shutdown hook closes the database and sockets; SIGKILL if it takes too long. Then the
     * database is deleted.
     */
    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        deleteRecursively(dataDirectory);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    static Path javaTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }
}
