package io.pixflow.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/<pid>/stat} (user + system, in clock ticks of 10 ms), to tell how much
 * of the two shared cores the server had and how much the load generator took from it.
 */
final class CpuTime {

    private static final double SECONDS_PER_TICK = 0.01;

    private CpuTime() {
    }

    static double seconds(long pid) {
        return ticks(pid, false) * SECONDS_PER_TICK;
    }

    /** One thread, from {@code /proc/<pid>/task/<tid>/stat}. */
    static double threadSeconds(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * SECONDS_PER_TICK;
    }

    /** This process and its children that have ended (the servers it started and stopped, each {@code wrk}). */
    static double selfAndEndedChildrenSeconds() {
        return ticks(ProcessHandle.current().pid(), true) * SECONDS_PER_TICK;
    }

    private static double ticks(long pid, boolean withEndedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces; fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime, stime, cutime, cstime are fields 14 to 17 of proc(5).
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withEndedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds the whole machine spent busy ({@code /proc/stat}: all but idle and iowait). */
    static double machineSeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 7; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy * SECONDS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds of the server, of this load tool and of everything else on the machine between two points, as
     * cores used over the wall time. "Everything else" should be near 0: if not, other work disturbed the run.
     */
    record Window(long serverPid, double serverStart, double selfStart, double machineStart, long wallStart) {

        static Window open(long serverPid) {
            return new Window(serverPid, seconds(serverPid), selfAndEndedChildrenSeconds(), machineSeconds(),
                    System.nanoTime());
        }

        /** Call it once the window's {@code wrk} has ended: its CPU counts as the load tool's. */
        Usage close() {
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double server = seconds(serverPid) - serverStart;
            double self = selfAndEndedChildrenSeconds() - selfStart;
            double others = Math.max(0, machineSeconds() - machineStart - server - self);
            return new Usage(server, server / wall, self / wall, others / wall);
        }
    }

    /**
     * @param serverSeconds CPU seconds the server used in the window
     * @param server        the same, in cores
     */
    record Usage(double serverSeconds, double server, double loadTool, double others) {

        /** {@code server 1.62, load tool 0.35, other processes 0.01 cores}. */
        @Override
        public String toString() {
            return "server " + Report.number(server) + ", load tool " + Report.number(loadTool)
                    + ", other processes " + Report.number(others) + " cores";
        }
    }
}
