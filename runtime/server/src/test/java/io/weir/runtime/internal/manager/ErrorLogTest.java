package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class ErrorLogTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final ErrorLog log = new ErrorLog(lines::add, now::get);

    private void report(String kind, String message) {
        log.report(kind, ErrorLog.line(kind, message));
    }

    @Test
    public void theFirstReportOfAKindIsLoggedAtOnce() {
        report("oversize", "datagram of 300 bytes");
        report("tls", "handshake failed");

        assertEquals(List.of("oversize: datagram of 300 bytes", "tls: handshake failed"), lines);
    }

    @Test
    public void aFloodIsOneLinePerIntervalThatSaysHowManyWereNotLogged() {
        for (int i = 0; i < 1000; i++) {
            report("oversize", "datagram " + i);
        }
        assertEquals(List.of("oversize: datagram 0"), lines);

        now.addAndGet(ErrorLog.INTERVAL_NANOS - 1);
        report("oversize", "datagram 1000");
        assertEquals("still within the interval", 1, lines.size());

        now.addAndGet(1);
        report("oversize", "datagram 1001");
        assertEquals(2, lines.size());
        assertEquals("oversize: datagram 1001 (and 1000 more 'oversize' since the last line; weir:stats counts them"
                + " all)", lines.get(1));

        now.addAndGet(TimeUnit.MINUTES.toNanos(5));
        report("oversize", "datagram 1002");
        assertEquals("nothing skipped since the last line", "oversize: datagram 1002", lines.get(2));
    }

    @Test
    public void kindsAreLimitedSeparately() {
        report("oversize", "a");
        report("oversize", "b");
        report("tls", "c");

        assertEquals(List.of("oversize: a", "tls: c"), lines);
    }

    @Test
    public void aMessageBecomesOneBoundedLine() {
        assertEquals("tls", ErrorLog.line("tls", null));
        assertEquals("tls", ErrorLog.line("tls", "  "));
        assertEquals("bad_request: first line second line", ErrorLog.line("bad_request", "first line\r\n  second line\n"));
        String cut = ErrorLog.line("oversize", "x".repeat(10_000));
        assertEquals("oversize: ".length() + ErrorLog.MAX_MESSAGE + 3, cut.length());
        assertTrue(cut, cut.endsWith("x..."));
    }
}
