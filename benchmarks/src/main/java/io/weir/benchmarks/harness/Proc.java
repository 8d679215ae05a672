package io.weir.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What Linux's {@code /proc} says about a process: CPU time, start time, memory. */
final class Proc {
    private static final long CLOCK_TICKS = clockTicks();

    private Proc() {
    }

    /** @return clock ticks per second, the unit of CPU and start times in {@code /proc/<pid>/stat} */
    static long clockTicksPerSecond() {
        return CLOCK_TICKS;
    }

    /**
     * @param pid a process
     * @return user plus system CPU time in clock ticks
     * @throws IOException when the process is gone
     */
    static long cpuTicks(long pid) throws IOException {
        String[] fields = statFields(pid);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * @param pid a process
     * @return when it started, in clock ticks after boot
     * @throws IOException when the process is gone
     */
    static long startTicks(long pid) throws IOException {
        return Long.parseLong(statFields(pid)[19]);
    }

    /** @return seconds since boot, to 10 ms */
    static double uptimeSeconds() throws IOException {
        String text = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII);
        return Double.parseDouble(text.substring(0, text.indexOf(' ')));
    }

    /**
     * @param pid   a process
     * @param field a line of {@code /proc/<pid>/status} given in kB, such as {@code VmHWM} or {@code VmRSS}
     * @return its value in bytes
     * @throws IOException when the process is gone or has no such line
     */
    static long statusBytes(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(field + ":")) {
                String value = line.substring(field.length() + 1).trim();
                return Long.parseLong(value.substring(0, value.indexOf(' '))) * 1024;
            }
        }
        throw new IOException("/proc/" + pid + "/status has no " + field);
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command name, which may itself hold spaces
     * and parentheses: index 0 is the state (field 3 of proc(5)).
     */
    static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        return parseStat(stat);
    }

    static String[] parseStat(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // 100 is what Linux uses on every common architecture.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
