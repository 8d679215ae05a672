package io.weir.benchmarks.workload;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.codec.Decoder;
import io.weir.pipeline.internal.codec.JsonCodec;

public class TcpJsonGeneratorTest {
    private static final int COUNT = 50_000;

    @Test
    public void eventsAreValidJsonWithTheScenarioFieldsAndSizes() throws Exception {
        Decoder json = new JsonCodec().decoder(Map.of());
        long total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        long n = 0;
        for (TcpJsonEvent event : TcpJsonGenerator.first(COUNT)) {
            byte[] bytes = event.jsonBytes();
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) json.decode(bytes, 0, bytes.length);
            assertEquals(List.of("ts", "host", "level", "msg", "n"), List.copyOf(value.keySet()));
            assertEquals(TcpJsonGenerator.FIRST_TS + n, value.get("ts"));
            assertEquals(n, value.get("n"));
            assertTrue(event.level(), List.of("info", "warn", "error", "debug").contains(value.get("level")));
            assertTrue(event.msg(), event.msg().matches("[A-Za-z]+( [A-Za-z]+)*"));
            total += bytes.length;
            min = Math.min(min, bytes.length);
            max = Math.max(max, bytes.length);
            n++;
        }
        assertEquals(TcpJsonGenerator.MIN_BYTES, min);
        assertEquals(TcpJsonGenerator.MAX_BYTES, max);
        double average = (double) total / COUNT;
        assertTrue("average " + average, average > 139 && average < 141);
    }

    @Test
    public void exactlyOneDebugInEveryTenAndAllLevelsOccur() {
        List<TcpJsonEvent> events = TcpJsonGenerator.first(COUNT);
        int[] perLevel = new int[4];
        for (int block = 0; block < COUNT / 10; block++) {
            int debug = 0;
            for (int i = block * 10; i < block * 10 + 10; i++) {
                String level = events.get(i).level();
                debug += level.equals("debug") ? 1 : 0;
                perLevel[List.of("info", "warn", "error", "debug").indexOf(level)]++;
            }
            assertEquals("block " + block, 1, debug);
        }
        assertEquals(COUNT / 10, perLevel[3]);
        // info 2/3, warn 2/9, error 1/9 of the rest, give or take a few percent
        assertTrue(perLevel[0] > COUNT * 0.58 && perLevel[0] < COUNT * 0.62);
        assertTrue(perLevel[1] > COUNT * 0.18 && perLevel[1] < COUNT * 0.22);
        assertTrue(perLevel[2] > COUNT * 0.08 && perLevel[2] < COUNT * 0.12);
    }

    @Test
    public void twoGeneratorsMakeTheSameEvents() {
        TcpJsonGenerator a = new TcpJsonGenerator();
        TcpJsonGenerator b = new TcpJsonGenerator();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    @Test
    public void workloadHoldsTheEventsNewlineTerminated() {
        TcpJsonWorkload workload = TcpJsonWorkload.generate(20_000);
        List<TcpJsonEvent> events = TcpJsonGenerator.first(20_000);
        assertEquals(20_000, workload.events());
        assertEquals(2_000, workload.debugEvents());
        int lastKept = events.size() - 1;
        while (events.get(lastKept).isDebug()) {
            lastKept--;
        }
        assertEquals(events.get(lastKept).n(), workload.lastSurvivor());
        int start = 0;
        for (int i = 0; i < events.size(); i++) {
            byte[] line = java.util.Arrays.copyOfRange(workload.data(), start, workload.end(i) - 1);
            assertArrayEquals("event " + i, events.get(i).jsonBytes(), line);
            assertEquals('\n', workload.data()[workload.end(i) - 1]);
            start = workload.end(i);
        }
        assertEquals(start, workload.bytes());
    }

    @Test(expected = IllegalArgumentException.class)
    public void workloadRefusesZeroEvents() {
        TcpJsonWorkload.generate(0);
    }
}
