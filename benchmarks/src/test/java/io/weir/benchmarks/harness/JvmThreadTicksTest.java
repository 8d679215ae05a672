package io.weir.benchmarks.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Test;

import io.weir.benchmarks.harness.JvmThreadTicks.Kind;
import io.weir.benchmarks.harness.JvmThreadTicks.Reading;

public class JvmThreadTicksTest {
    @Test
    public void threadsAreToldApartByTheirNamesAsLinuxCutsThem() {
        assertEquals(Kind.JIT, Kind.of("C2 CompilerThre"));
        assertEquals(Kind.JIT, Kind.of("C1 CompilerThre"));
        assertEquals(Kind.GC, Kind.of("GC Thread#0"));
        assertEquals(Kind.GC, Kind.of("G1 Conc#0"));
        assertEquals(Kind.GC, Kind.of("G1 Main Marker"));
        assertEquals(Kind.GC, Kind.of("G1 Refine#0"));
        assertEquals(Kind.OTHER, Kind.of("weir-sink-out"));
        assertEquals(Kind.OTHER, Kind.of("VM Thread"));
        assertEquals(Kind.OTHER, Kind.of("java"));
    }

    @Test
    public void aThreadThatEndedKeepsCountingWithItsLastReading() {
        JvmThreadTicks ticks = new JvmThreadTicks();
        ticks.update(Map.of(1L, new Reading(Kind.JIT, 10), 2L, new Reading(Kind.JIT, 5), 3L,
                new Reading(Kind.GC, 7)));
        assertEquals(15, ticks.ticks(Kind.JIT));
        assertEquals(7, ticks.ticks(Kind.GC));
        // HotSpot stopped compiler thread 2 and started thread 4; thread 1 went on.
        ticks.update(Map.of(1L, new Reading(Kind.JIT, 12), 3L, new Reading(Kind.GC, 9), 4L,
                new Reading(Kind.JIT, 1)));
        assertEquals(12 + 5 + 1, ticks.ticks(Kind.JIT));
        assertEquals(9, ticks.ticks(Kind.GC));
        // Every thread ended: the totals stay.
        ticks.update(Map.of());
        assertEquals(18, ticks.ticks(Kind.JIT));
        assertEquals(9, ticks.ticks(Kind.GC));
        assertEquals(0, ticks.ticks(Kind.OTHER));
    }

    @Test
    public void thisJvmsCompilerThreadsAreFoundAndTheirTimeOnlyGrows() throws IOException {
        assumeTrue("needs Linux's /proc", Files.isDirectory(Path.of("/proc/self/task")));
        long pid = ProcessHandle.current().pid();
        JvmThreadTicks ticks = new JvmThreadTicks();
        ticks.read(pid);
        long before = ticks.ticks(Kind.JIT);
        // Enough new code for the JIT to compile: the counter must not go back, and it must have counted at all
        // once the JVM compiled something (it did, to start JUnit).
        long sum = 0;
        for (int i = 0; i < 2_000_000; i++) {
            sum += Integer.toString(i).hashCode();
        }
        ticks.read(pid);
        assertTrue("sum " + sum, ticks.ticks(Kind.JIT) >= before);
        assertTrue("the compiler threads of a JVM that ran JUnit used some CPU time", ticks.ticks(Kind.JIT) > 0);
    }
}
