package io.pixflow.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar pixflow.jar} in its own process, as an operator runs it, on a free port. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("PixFlow listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(Path dataDirectory) throws Exception {
        return start(dataDirectory, 0);
    }

    /** On {@code port} (0: any free one), as after a crash an operator restarts it where clients expect it. */
    static ServerProcess start(Path dataDirectory, int port) throws Exception {
        Path jar = Path.of(System.getProperty("pixflow.server.jar", "target/pixflow.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn package");
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PIXFLOW_"));
        env.put("PIXFLOW_PORT", String.valueOf(port));
        env.put("PIXFLOW_CREATE_RATE_LIMIT", "1000/1000");
        env.put("PIXFLOW_DB_URL", "jdbc:h2:file:" + dataDirectory.resolve("pixflow").toAbsolutePath());
        Process process = builder.start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[pixflow] " + line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            }
            listening.completeExceptionally(new IllegalStateException("the server stopped before it listened"));
        }, "pixflow-output");
        output.setDaemon(true);
        output.start();
        try {
            return new ServerProcess(process, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
