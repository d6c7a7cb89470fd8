package io.pixflow.benchmarks.load;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Live objects by class, as {@code jcmd <pid> GC.class_histogram} prints them (after the full collection it
 * triggers): to say what the heap holds per connected subscriber.
 */
record Histogram(Map<String, Long> bytesByClass) {

    static Histogram parse(String jcmdOutput) {
        Map<String, Long> bytes = new HashMap<>();
        for (String line : jcmdOutput.split("\n")) {
            // "   1:         12345        1234567  java.lang.String (java.base@17)"
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 4 && cells[0].endsWith(":") && cells[0].length() > 1) {
                try {
                    bytes.merge(cells[3], Long.parseLong(cells[2]), Long::sum);
                } catch (NumberFormatException e) {
                    // a header or total line
                }
            }
        }
        return new Histogram(bytes);
    }

    long totalBytes() {
        return bytesByClass.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The classes that grew most from {@code before} to this, largest first. */
    Map<String, Long> growthSince(Histogram before, int limit) {
        Map<String, Long> growth = new HashMap<>();
        bytesByClass.forEach((name, bytes) -> growth.put(name, bytes - before.bytesByClass.getOrDefault(name, 0L)));
        return growth.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
