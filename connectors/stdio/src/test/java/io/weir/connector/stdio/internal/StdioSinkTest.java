package io.weir.connector.stdio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSinkContext;
import io.weir.connector.testkit.FakeSinkEvent;

import org.junit.Test;

public class StdioSinkTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private StdioSink sink(String target) {
        PrintStream out = new PrintStream(stdout, true);
        PrintStream err = new PrintStream(stderr, true);
        return new StdioSink(Configs.of(StdioSinkConfig.class, Map.of("target", target)), () -> out, () -> err);
    }

    @Test
    public void writesFramesInOrderAndFlushesPerBatch() throws Exception {
        StdioSink sink = sink("stdout");
        sink.open(new FakeSinkContext());
        sink.write(FakeSinkEvent.of("{\"a\":1}\n"));
        sink.write(FakeSinkEvent.of("part1-", "part2\n"));
        assertEquals("buffered until flush", 0, stdout.size());
        sink.flush();
        assertEquals("{\"a\":1}\npart1-part2\n", stdout.toString(StandardCharsets.UTF_8));
        assertEquals(0, stderr.size());
        sink.close();
    }

    @Test
    public void writesToStandardErrorWhenAsked() throws Exception {
        StdioSink sink = sink("stderr");
        sink.open(new FakeSinkContext());
        sink.write(FakeSinkEvent.of("oops\n"));
        sink.close();
        assertEquals("close flushes", "oops\n", stderr.toString(StandardCharsets.UTF_8));
        assertEquals(0, stdout.size());
    }

    @Test
    public void aFailedWriteFailsTheFlush() throws Exception {
        PrintStream broken = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }, true);
        StdioSink sink = new StdioSink(Configs.of(StdioSinkConfig.class, Map.of()), () -> broken, () -> broken);
        sink.open(new FakeSinkContext());
        sink.write(FakeSinkEvent.of("lost\n"));
        try {
            sink.flush();
            fail("the error must reach the manager so the events are failed");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("stdout"));
        }
    }

    @Test
    public void anEventWithoutFramesNamesTheMissingCodec() throws Exception {
        StdioSink sink = sink("stdout");
        sink.open(new FakeSinkContext());
        try {
            sink.write(new FakeSinkEvent(List.of()));
            fail();
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("codec"));
        }
    }

    @Test
    public void rejectsAnUnknownTarget() {
        try {
            sink("stdlog");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("target") && e.getMessage().contains("stdlog"));
        }
    }
}
