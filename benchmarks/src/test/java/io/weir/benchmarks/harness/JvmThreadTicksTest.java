package io.weir.benchmarks.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
        assertEquals(Kind.JIT, Kind.of("JVMCI CompilerT"));
        assertEquals(Kind.JIT, Kind.of("JVMCI-native Co"));
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
        ticks.update(Map.of(1L, new Reading(Kind.JIT, 100, 10), 2L, new Reading(Kind.JIT, 100, 5), 3L,
                new Reading(Kind.GC, 100, 7)));
        assertEquals(15, ticks.ticks(Kind.JIT));
        assertEquals(7, ticks.ticks(Kind.GC));
        // HotSpot stopped compiler thread 2 and started thread 4; thread 1 went on.
        ticks.update(Map.of(1L, new Reading(Kind.JIT, 100, 12), 3L, new Reading(Kind.GC, 100, 9), 4L,
                new Reading(Kind.JIT, 150, 1)));
        assertEquals(12 + 5 + 1, ticks.ticks(Kind.JIT));
        assertEquals(9, ticks.ticks(Kind.GC));
        assertEquals(2, ticks.threads(Kind.JIT));
        // Every thread ended: the totals stay.
        ticks.update(Map.of());
        assertEquals(18, ticks.ticks(Kind.JIT));
        assertEquals(9, ticks.ticks(Kind.GC));
        assertEquals(0, ticks.threads(Kind.JIT));
    }

    @Test
    public void aThreadIdGivenToANewThreadEndsTheOldOne() {
        JvmThreadTicks ticks = new JvmThreadTicks();
        ticks.update(Map.of(7L, new Reading(Kind.JIT, 100, 40)));
        // Between two readings thread 7 ended and Linux gave its id to a new compiler thread.
        ticks.update(Map.of(7L, new Reading(Kind.JIT, 300, 2)));
        assertEquals(42, ticks.ticks(Kind.JIT));
    }

    @Test
    public void thisJvmsCompilerAndCollectorThreadsAreFound() throws IOException {
        assumeTrue("needs Linux's /proc", Files.isDirectory(Path.of("/proc/self/task")));
        JvmThreadTicks ticks = new JvmThreadTicks();
        ticks.read(ProcessHandle.current().pid());
        assertTrue("a JVM runs a C1 and a C2 compiler thread", ticks.threads(Kind.JIT) >= 1);
        assertTrue("the compiler threads of a JVM that started JUnit used some CPU time", ticks.ticks(Kind.JIT) > 0);
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(collector -> collector.getName().startsWith("G1"));
        if (g1) {
            assertTrue("G1 runs worker threads", ticks.threads(Kind.GC) >= 1);
        }
        assertEquals(0, ticks.threads(Kind.OTHER));
    }
}
