package io.pixflow.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load tool's command line, {@code --name value} pairs.
 *
 * @param jar            the server jar to start ({@code bootstrap/target/pixflow.jar})
 * @param jvmFlags       the server's JVM flags for every run
 * @param compareFlags   other sets of flags whose start time and idle RSS are measured beside, for the report
 *                       ({@code |} between sets; an empty set is the JVM's defaults)
 * @param appCds         whether to make an AppCDS archive of the jar from a training run and start every
 *                       measured server with it
 * @param suiteStarted   when the whole suite started (epoch seconds), for its total run time; 0 if unknown
 * @param workDirectory  databases, server logs and recordings go here
 * @param out            the Markdown report to write
 * @param jmhCsv         JMH's CSV results to include, or {@code null}
 * @param notes          hand-written Markdown appended to the report, or {@code null}
 * @param command        the command line shown in the report
 * @param warmup         one warm-up round per request kind; rounds repeat until the JIT is quiet
 * @param maxWarmup      or until this much time has passed
 */
record Options(Path jar, List<String> jvmFlags, List<List<String>> compareFlags, boolean appCds, Path workDirectory,
               Path out, Path jmhCsv, Path notes, String command, long suiteStarted, int clients, Duration warmup,
               Duration measure, Duration maxWarmup, int subscribers, int confirmations, int starts,
               boolean profile) {

    private static final Set<String> KNOWN = Set.of("--jar", "--jvm-flags", "--compare-flags", "--work-dir", "--out",
            "--jmh-csv", "--notes", "--command", "--app-cds", "--suite-started", "--clients", "--warmup-seconds",
            "--seconds", "--max-warmup-seconds", "--subscribers", "--confirmations", "--starts", "--profile");

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KNOWN.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: LoadTest --jar pixflow.jar [--jvm-flags '...'] "
                        + "[--compare-flags '...|...'] [--app-cds true] [--out BENCHMARKS.md] [--work-dir dir] "
                        + "[--jmh-csv jmh.csv] "
                        + "[--notes notes.md] [--clients 32] [--warmup-seconds 5] [--max-warmup-seconds 300] "
                        + "[--seconds 10] "
                        + "[--subscribers 10000] [--confirmations 1000] [--starts 3] [--profile true]; "
                        + "got '" + args[i] + "'");
            }
            given.put(args[i], args[i + 1]);
        }
        if (!given.containsKey("--jar")) {
            throw new IllegalArgumentException("--jar is required: the pixflow.jar to measure");
        }
        return new Options(
                Path.of(given.get("--jar")),
                words(given.getOrDefault("--jvm-flags", "")),
                given.containsKey("--compare-flags") ? sets(given.get("--compare-flags")) : List.of(),
                Boolean.parseBoolean(given.getOrDefault("--app-cds", "false")),
                Path.of(given.getOrDefault("--work-dir", "benchmarks/target/load")),
                Path.of(given.getOrDefault("--out", "docs/BENCHMARKS.md")),
                given.containsKey("--jmh-csv") ? Path.of(given.get("--jmh-csv")) : null,
                given.containsKey("--notes") ? Path.of(given.get("--notes")) : null,
                given.getOrDefault("--command", "benchmarks/run.sh"),
                Long.parseLong(given.getOrDefault("--suite-started", "0")),
                positive(given, "--clients", 32),
                Duration.ofSeconds(positive(given, "--warmup-seconds", 5)),
                Duration.ofSeconds(positive(given, "--seconds", 10)),
                Duration.ofSeconds(positive(given, "--max-warmup-seconds", 300)),
                positive(given, "--subscribers", 10_000),
                positive(given, "--confirmations", 1_000),
                positive(given, "--starts", 3),
                Boolean.parseBoolean(given.getOrDefault("--profile", "true")));
    }

    private static List<String> words(String flags) {
        return flags.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(flags.trim().split("\\s+")));
    }

    private static List<List<String>> sets(String flagSets) {
        List<List<String>> sets = new ArrayList<>();
        for (String set : flagSets.split("\\|", -1)) {
            sets.add(words(set));
        }
        return sets;
    }

    private static int positive(Map<String, String> given, String name, int fallback) {
        int value = Integer.parseInt(given.getOrDefault(name, Integer.toString(fallback)));
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }
}
