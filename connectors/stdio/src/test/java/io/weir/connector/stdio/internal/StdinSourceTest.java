package io.weir.connector.stdio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;
import io.weir.connector.testkit.FakeSourceOutput;
import io.weir.connector.testkit.Threads;

import org.junit.Test;

public class StdinSourceTest {

    private static StdinSource source(int bufferSize, InputStream in) {
        return new StdinSource(Configs.of(StdinConfig.class, Map.of("buffer_size", bufferSize)), () -> in);
    }

    @Test
    public void readsEverythingThenEndsTheStreamAndIsDone() throws Exception {
        byte[] input = "hello\nworld\nno newline at the end".getBytes(StandardCharsets.UTF_8);
        StdinSource source = source(7, new ByteArrayInputStream(input));
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean more = true;
        while (more && System.nanoTime() < deadline) {
            more = source.pull(out, 100);
        }
        assertFalse("done after end of input", more);
        assertFalse("stays done", source.pull(out, 10));

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        long expectedOffset = 0;
        for (int i = 0; i < out.items().size() - 1; i++) {
            FakeSourceOutput.Item item = out.items().get(i);
            assertEquals("data", item.kind());
            assertEquals(0, item.stream());
            assertEquals("position is the byte offset", expectedOffset, item.position());
            assertTrue(item.data().length <= 7);
            read.write(item.data());
            expectedOffset += item.data().length;
        }
        assertEquals("end", out.items().get(out.items().size() - 1).kind());
        assertEquals(new String(input, StandardCharsets.UTF_8), read.toString(StandardCharsets.UTF_8));
        source.close();
        assertFalse(Threads.isAlive("weir-stdio-test"));
    }

    @Test
    public void pullWaitsAtMostItsTimeoutAndCloseEndsTheReader() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(writer);
        StdinSource source = source(1024, in);
        source.open(new FakeSourceContext());
        FakeSourceOutput out = new FakeSourceOutput();
        long start = System.nanoTime();
        assertTrue(source.pull(out, 50));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue("took " + tookMs + " ms", tookMs < 2_000);
        assertTrue(out.items().isEmpty());

        writer.write("abc".getBytes(StandardCharsets.UTF_8));
        writer.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (out.items().isEmpty() && System.nanoTime() < deadline) {
            source.pull(out, 100);
        }
        assertEquals("abc", new String(out.items().get(0).data(), StandardCharsets.UTF_8));

        // The piped stream's read is interruptible, as a read of a real pipe is not; close ends the thread.
        source.close();
        assertFalse(Threads.isAlive("weir-stdio-test"));
    }

    @Test
    public void aReadErrorFailsThePull() throws Exception {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device gone");
            }
        };
        StdinSource source = source(16, broken);
        source.open(new FakeSourceContext());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                source.pull(new FakeSourceOutput(), 100);
            }
            fail("the read error must reach the manager");
        } catch (IOException e) {
            assertEquals("device gone", e.getMessage());
        }
        source.close();
    }

    @Test
    public void closeReportsAReaderStuckInAnUninterruptibleRead() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream stuck = new InputStream() {
            @Override
            public int read() {
                return -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                // Like a read of a terminal: interrupts do not end it.
                entered.countDown();
                while (true) {
                    try {
                        release.await();
                        return -1;
                    } catch (InterruptedException ignored) {
                        // keep blocking
                    }
                }
            }
        };
        StdinSource source = source(16, stuck);
        FakeSourceContext context = new FakeSourceContext().withCloseTimeoutMillis(100);
        source.open(context);
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        try {
            source.close();
            fail("close must report the stuck thread");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("weir-stdio-test"));
        }
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Threads.isAlive("weir-stdio-test") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse("the reader ends once its read returns", Threads.isAlive("weir-stdio-test"));
    }

    @Test
    public void rejectsABadBufferSize() {
        try {
            source(0, new ByteArrayInputStream(new byte[0]));
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("buffer_size"));
        }
    }
}
