package io.pixflow.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown of {@code docs/BENCHMARKS.md}: a targets table first, then one section per measurement. */
final class Report {

    private final List<String[]> targets = new ArrayList<>();
    private final StringBuilder sections = new StringBuilder();

    /**
     * One row of the targets table.
     *
     * @param measured what was measured, with its unit
     * @param versus   the measured figure against the target (a ratio or the same unit)
     */
    void target(String what, String target, String measured, String versus, boolean met) {
        targets.add(new String[] {what, target, measured, versus, met ? "**met**" : "**not met**"});
    }

    void section(String title) {
        sections.append("\n## ").append(title).append("\n\n");
    }

    void paragraph(String text) {
        sections.append(text).append("\n\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        sections.append('|');
        header.forEach(h -> sections.append(' ').append(h).append(" |"));
        sections.append("\n|");
        header.forEach(h -> sections.append("---|"));
        sections.append('\n');
        for (List<String> row : rows) {
            sections.append('|');
            row.forEach(cell -> sections.append(' ').append(cell.replace("|", "\\|")).append(" |"));
            sections.append('\n');
        }
        sections.append('\n');
    }

    void write(Path out, String title, String preamble, String notes) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n").append(preamble).append("\n\n");
        md.append("## Targets\n\n| target | wanted | measured | measured vs wanted | |\n|---|---|---|---|---|\n");
        for (String[] row : targets) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append(sections);
        if (notes != null && !notes.isBlank()) {
            md.append('\n').append(notes.strip()).append('\n');
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    /**
     * A ratio with three decimals, so that one just under its limit (0.396 against 0.4, 99.97 against 100) is not
     * printed as the limit itself next to "not met".
     */
    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    static String percent(int part, int whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    /** Cores, CPU model, memory, OS, JDK and date: what a reader needs to compare figures from elsewhere. */
    static List<List<String>> machine() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("date (UTC)", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE)
                + " " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm"))));
        rows.add(List.of("cores", Runtime.getRuntime().availableProcessors() + " (client and server share them)"));
        rows.add(List.of("CPU", firstValue(Path.of("/proc/cpuinfo"), "model name")));
        rows.add(List.of("memory", memory()));
        rows.add(List.of("OS", System.getProperty("os.name") + " " + System.getProperty("os.version")));
        rows.add(List.of("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
        return rows;
    }

    /** The 1-minute load average, to show whether something else was using the machine. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memory() {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(total.split("\\s+")[0]) / 1024.0 / 1024.0);
        } catch (RuntimeException e) {
            return total;
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: say so below
        }
        return "?";
    }

    static List<List<String>> rows(Map<String, Integer> counts, int total) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((name, count) -> rows.add(List.of("`" + name + "`", percent(count, total))));
        return rows;
    }
}
