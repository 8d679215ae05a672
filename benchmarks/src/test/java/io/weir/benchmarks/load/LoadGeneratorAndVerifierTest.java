package io.weir.benchmarks.load;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import io.weir.api.processor.Processor;
import io.weir.benchmarks.pipeline.ScenarioOneChain;
import io.weir.benchmarks.workload.TcpJsonWorkload;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;

/**
 * Sends a small workload over loopback to a server that runs the scenario-1 chain with the real
 * codecs and pipeline engine, then checks the verifier accepts the result and rejects every kind of
 * damage to it.
 */
public class LoadGeneratorAndVerifierTest {
    private static final int EVENTS = 10_000;
    private static ExecutorService executor;
    private static byte[] output;

    @BeforeClass
    public static void sendThroughTheRealChain() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Future<byte[]> received = executor.submit(() -> serveOneConnection(server));
            TcpJsonWorkload workload = TcpJsonWorkload.generate(EVENTS);
            SendResult result = new LoadGenerator(workload).send(
                    LoadGenerator.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(10)),
                    0, Duration.ofSeconds(60));
            assertEquals(EVENTS, result.events());
            assertEquals(workload.bytes(), result.bytes());
            output = received.get(60, TimeUnit.SECONDS);
        }
    }

    @AfterClass
    public static void stop() {
        executor.shutdownNow();
    }

    private static byte[] serveOneConnection(ServerSocket server) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ScenarioOneChain chain = new ScenarioOneChain(file::write);
        Processor splitter = new SeparatePreprocessorFactory().create(Map.of());
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                splitter.process(buffer, 0, read, chain);
            }
            splitter.finish(chain);
        }
        if (chain.failure() != null) {
            throw new IllegalStateException(chain.failure());
        }
        return file.toByteArray();
    }

    private static OutputVerifier.Report verify(byte[] bytes) throws IOException {
        return new OutputVerifier(EVENTS, "weir").verify(new ByteArrayInputStream(bytes));
    }

    private static List<String> lines() {
        return new ArrayList<>(new String(output, StandardCharsets.UTF_8).lines().toList());
    }

    private static byte[] join(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void theRealChainsOutputPasses() throws IOException {
        OutputVerifier.Report report = verify(output);
        assertTrue(report.toString(), report.ok());
        assertEquals(EVENTS - EVENTS / 10, report.matched());
    }

    @Test
    public void aMissingEventIsFound() throws IOException {
        List<String> lines = lines();
        String gone = lines.remove(500);
        OutputVerifier.Report report = verify(join(lines));
        assertFalse(report.ok());
        assertEquals(1, report.problemCount());
        assertTrue(report.toString(), report.problems().get(0).contains("n=" + OutputVerifier.parse(
                gone.getBytes(StandardCharsets.UTF_8)).get("n") + " is missing"));
    }

    @Test
    public void eventsOutOfOrderAreFound() throws IOException {
        List<String> lines = lines();
        lines.add(100, lines.remove(101));
        OutputVerifier.Report report = verify(join(lines));
        assertFalse(report.ok());
        assertTrue(report.toString(), report.toString().contains("out of order"));
    }

    @Test
    public void aDuplicateIsFound() throws IOException {
        List<String> lines = lines();
        lines.add(lines.get(lines.size() - 1));
        OutputVerifier.Report report = verify(join(lines));
        assertFalse(report.toString(), report.ok());
    }

    @Test
    public void aDebugEventThatWasNotDroppedIsFound() throws IOException {
        List<String> lines = lines();
        // Event n=10 or later is debug in some block; put back a debug event in the right place.
        io.weir.benchmarks.workload.TcpJsonGenerator generator = new io.weir.benchmarks.workload.TcpJsonGenerator();
        int line = 0;
        while (true) {
            io.weir.benchmarks.workload.TcpJsonEvent event = generator.next();
            if (event.isDebug()) {
                lines.add(line, event.json().replace("\"level\"", "\"severity\"").replace("}", ",\"proc\":\"weir\"}"));
                break;
            }
            line++;
        }
        OutputVerifier.Report report = verify(join(lines));
        assertFalse(report.ok());
        assertEquals(1, report.problemCount());
    }

    @Test
    public void wrongFieldsAreFound() throws IOException {
        List<String> lines = lines();
        lines.set(3, lines.get(3).replace(",\"proc\":\"weir\"", ""));
        lines.set(4, lines.get(4).replace("\"severity\"", "\"level\""));
        lines.set(5, lines.get(5).replace("\"host\":\"host-", "\"host\":\"other-"));
        lines.set(6, lines.get(6).substring(0, 40));
        OutputVerifier.Report report = verify(join(lines));
        assertEquals(report.toString(), 4, report.problemCount());
        String text = report.toString();
        assertTrue(text, text.contains("proc is missing"));
        assertTrue(text, text.contains("level should have been renamed"));
        assertTrue(text, text.contains("host is other-"));
        assertTrue(text, text.contains("not a JSON object"));
    }

    @Test
    public void aTruncatedFileReportsTheMissingTail() throws IOException {
        List<String> lines = lines();
        OutputVerifier.Report report = verify(join(lines.subList(0, lines.size() - 100)));
        assertFalse(report.ok());
        assertEquals(100, report.problemCount());
        assertEquals(4, report.problems().size());
    }

    @Test
    public void pacingHoldsTheRate() throws Exception {
        TcpJsonWorkload workload = TcpJsonWorkload.generate(2_000);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Future<Long> drained = executor.submit(() -> {
                try (Socket socket = server.accept()) {
                    return socket.getInputStream().transferTo(OutputStreamNull.INSTANCE);
                }
            });
            SendResult result = new LoadGenerator(workload).send(
                    LoadGenerator.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(10)),
                    10_000, Duration.ofSeconds(60));
            // 2,000 events at 10,000/s: the last group is due after 0.199 s; never sooner.
            assertTrue(result.toString(), result.seconds() >= 0.19);
            assertEquals((long) workload.bytes(), (long) drained.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    public void aServerThatStopsReadingMakesTheSendTimeOut() throws Exception {
        TcpJsonWorkload workload = TcpJsonWorkload.generate(200_000);
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Future<Socket> accepted = executor.submit(server::accept);
            try {
                new LoadGenerator(workload).send(
                        LoadGenerator.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(10)),
                        0, Duration.ofSeconds(1));
                throw new AssertionError("the send should have timed out");
            } catch (IOException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("longer than 1 s"));
            } finally {
                accepted.get(10, TimeUnit.SECONDS).close();
            }
        }
    }

    /** Discards what it is given. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
