package io.weir.runtime.internal.stats;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class ErrorKindsTest {

    @Test
    public void countsPerKindSortedByKind() {
        ErrorKinds kinds = new ErrorKinds();
        kinds.record("oversize");
        kinds.record("tls");
        kinds.record("oversize");

        assertEquals(Map.of("oversize", 2L, "tls", 1L), kinds.counts());
        assertEquals(List.of("oversize", "tls"), List.copyOf(kinds.counts().keySet()));
    }

    @Test
    public void aKindIsCleanedUpSoThatItStaysOneShortWord() {
        assertEquals("bad_request", ErrorKinds.clean("  Bad Request "));
        assertEquals("http_413", ErrorKinds.clean("http-413"));
        assertEquals("error", ErrorKinds.clean(null));
        assertEquals("error", ErrorKinds.clean("   "));
        assertEquals("_____", ErrorKinds.clean("ä\n\t:é"));
        assertEquals(ErrorKinds.MAX_LENGTH, ErrorKinds.clean("x".repeat(500)).length());
    }

    @Test
    public void recordAnswersTheKindItCountedUnder() {
        ErrorKinds kinds = new ErrorKinds();
        assertEquals("bad_request", kinds.record("Bad Request"));
        assertEquals("error", kinds.record(""));
        assertEquals(Map.of("bad_request", 1L, "error", 1L), kinds.counts());
    }

    @Test
    public void kindsBeyondTheCapAreCountedAsOther() {
        ErrorKinds kinds = new ErrorKinds();
        for (int i = 0; i < ErrorKinds.MAX_KINDS; i++) {
            assertEquals("kind" + i, kinds.record("kind" + i));
        }
        assertEquals(ErrorKinds.OTHER, kinds.record("one more"));
        assertEquals(ErrorKinds.OTHER, kinds.record("peer 10.0.0.1 sent garbage"));
        // Kinds already known go on being counted under their own name.
        assertEquals("kind0", kinds.record("kind0"));

        Map<String, Long> counts = kinds.counts();
        assertEquals(ErrorKinds.MAX_KINDS + 1, counts.size());
        assertEquals(2L, (long) counts.get(ErrorKinds.OTHER));
        assertEquals(2L, (long) counts.get("kind0"));
    }

    @Test
    public void concurrentReportersLoseNoCountAndKeepTheCap() throws Exception {
        ErrorKinds kinds = new ErrorKinds();
        int threads = 8;
        int each = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    // 8 threads x 10 names: 80 distinct kinds race for 32 places.
                    kinds.record("k" + id + "_" + (i % 10));
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }

        Map<String, Long> counts = kinds.counts();
        assertEquals(ErrorKinds.MAX_KINDS + 1, counts.size());
        assertEquals((long) threads * each, counts.values().stream().mapToLong(Long::longValue).sum());
    }
}
