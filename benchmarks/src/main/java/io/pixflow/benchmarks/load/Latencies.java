package io.pixflow.benchmarks.load;

import java.util.Arrays;
import java.util.Locale;

/** Measured durations, sorted, with the percentiles the report shows. Empty when nothing was measured. */
record Latencies(long[] sortedNanos) {

    Latencies {
        sortedNanos = sortedNanos.clone();
        Arrays.sort(sortedNanos);
    }

    static Latencies of(long[] nanos, int count) {
        return new Latencies(Arrays.copyOf(nanos, count));
    }

    int count() {
        return sortedNanos.length;
    }

    /** Nearest-rank percentile in milliseconds; {@code NaN} when empty. */
    double percentileMillis(double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    double meanMillis() {
        return sortedNanos.length == 0 ? Double.NaN : Arrays.stream(sortedNanos).average().orElse(0) / 1e6;
    }

    /** {@code p50 0.41 / p90 0.62 / p99 1.83 / max 7.10 ms (n = 1000)}. */
    String summary() {
        return String.format(Locale.ROOT, "p50 %s / p90 %s / p99 %s / max %s ms (n = %d)",
                millis(percentileMillis(50)), millis(percentileMillis(90)), millis(percentileMillis(99)),
                millis(maxMillis()), count());
    }

    static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }
}
