package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.weir.api.event.Event;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.LineCodec;
import io.weir.runtime.internal.testing.Options;
import io.weir.runtime.internal.testing.SplitLines;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

public class SourceToSinkTest {
    private final Rig rig = new Rig();
    private final LineCodec codec = new LineCodec();
    private final SplitLines split = new SplitLines();

    @After
    public void stop() {
        rig.close();
    }

    private ManagerOptions lines() {
        return Options.withCodec("lines", List.of(new ManagerOptions.ProcessorOption("split", Map.of())));
    }

    private List<ProcessorStep> splitter(Map<String, Object> options) {
        return List.of(new ProcessorStep("split", split, options));
    }

    private List<ProcessorStep> terminator() {
        return List.of(new ProcessorStep("terminate", SplitLines.terminator(), Map.of()));
    }

    @Test
    public void eventsReachTheSinkInOrderAndEveryAckReachesTheSource() {
        SinkSlot out = rig.sinkSlot("out", lines());
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, lines(), codec, terminator());
        FakeSource source = new FakeSource();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            source.line(1, i, "line" + i + "\n");
            expected.add("line" + i);
        }
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, lines(), codec, splitter(Map.of()));

        Wait.until("100 acks, got " + source.acked.size(), () -> source.acked.size() == 100);
        assertEquals(expected, sink.values);
        assertEquals("line0\n", sink.frames.get(0));
        assertEquals(100, new TreeSet<>(source.acked).size());
        assertTrue(source.failed.isEmpty());
        for (int i = 0; i < 100; i++) {
            Event event = sink.events.get(i);
            assertEquals("in", event.id().source());
            assertEquals(1, event.id().stream());
            assertEquals(i, event.id().sequence());
            assertEquals((long) i, event.id().position());
            assertEquals((long) i, event.meta().get("pos"));
        }
        // Added once per pull, the source's in can follow the acknowledgements by a moment.
        Wait.until("the source counted what it received", () -> in.counters().in.sum() >= 100);
        assertEquals(100, in.counters().in.sum());
        assertEquals(100, in.counters().out.sum());
        assertEquals(100, in.counters().acked.sum());
        assertEquals(100, out.counters().in.sum());
        assertEquals(100, out.counters().out.sum());
        assertEquals(100, out.latency().snapshot().count());
    }

    @Test
    public void whatASourceDeliveredIsHandedOnOnceItHasNothingMoreWithoutWaitingForTheBatchTimeout() {
        ManagerOptions f = lines();
        // Batches of 64 that may wait a minute to fill: three events must not wait for that.
        ManagerOptions patient = new ManagerOptions(f.codec(), f.codecOptions(), f.processors(), 64, 60_000,
                f.pullTimeoutMillis(), f.queueCapacity(), f.deliveryTimeoutMillis(), f.backoffMillis(),
                f.maxBackoffMillis(), f.closeTimeoutMillis());
        SinkSlot out = rig.sinkSlot("out", lines());
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, lines(), codec, List.of());
        FakeSource source = new FakeSource().data(1, 0, "a\nb\n").data(1, 1, "c\n");
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, patient, codec, splitter(Map.of()));

        // Far less than the minute the batch could wait.
        Wait.until(10_000, () -> "3 events, got " + sink.values, () -> sink.values.size() == 3);
        assertEquals(List.of("a", "b", "c"), sink.values);
    }

    @Test
    public void eventsShareTheMetadataOfTheirDataYetEachOwnsItsChanges() {
        SinkSlot out = rig.sinkSlot("out", lines());
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, lines(), codec, List.of());
        // The source reuses one map and changes it between calls, as it may once a call returned.
        Map<String, Object> peer = new HashMap<>();
        FakeSource source = new FakeSource();
        source.script.add(o -> {
            peer.put("peer", "a");
            byte[] bytes = "x\ny\n".getBytes(StandardCharsets.UTF_8);
            o.data(1, 0, bytes, 0, bytes.length, peer);
            peer.put("peer", "changed after the call");
        });
        source.script.add(o -> {
            peer.put("peer", "b");
            byte[] bytes = "z\n".getBytes(StandardCharsets.UTF_8);
            o.data(1, 1, bytes, 0, bytes.length, peer);
        });
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, lines(), codec, splitter(Map.of()));

        Wait.until("3 events, got " + sink.values, () -> sink.values.size() == 3);
        assertEquals(Map.of("peer", "a"), sink.events.get(0).meta());
        assertEquals(Map.of("peer", "a"), sink.events.get(1).meta());
        assertEquals(Map.of("peer", "b"), sink.events.get(2).meta());
        sink.events.get(0).meta().put("seen", true);
        assertEquals(Map.of("peer", "a", "seen", true), sink.events.get(0).meta());
        assertEquals(Map.of("peer", "a"), sink.events.get(1).meta());
    }

    @Test
    public void aMalformedRecordGoesToErrWithItsBytesAndTheStreamGoesOn() {
        SinkSlot out = rig.sinkSlot("out", lines());
        SinkSlot errors = rig.sinkSlot("errors", Options.fast());
        FakeSink good = new FakeSink();
        FakeSink bad = new FakeSink();
        rig.sink(out, good, lines(), codec, List.of());
        rig.sink(errors, bad, Options.fast(), null, List.of());
        FakeSource source = new FakeSource().data(1, 7, "a\nbad\nc\n");
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out)), "err", List.of(Rig.to(errors))),
                List.of(out.breaker(), errors.breaker()));
        rig.source(in, source, lines(), codec, splitter(Map.of()));

        Wait.until("3 acks, got " + source.acked, () -> source.acked.size() == 3);
        assertEquals(List.of("a", "c"), good.values);
        assertEquals(1, bad.values.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) bad.values.get(0);
        assertEquals("codec 'lines': not a good line: bad", error.get("error"));
        assertArrayEquals("bad".getBytes(StandardCharsets.UTF_8), (byte[]) error.get("raw"));
        assertEquals(1, bad.events.get(0).id().sequence());
        assertEquals(2, good.events.get(1).id().sequence());
        assertEquals(1, in.counters().err.sum());
        assertEquals(2, in.counters().out.sum());
        assertEquals(Map.of("err", 1L, "out", 2L), in.counters().ports());
    }

    @Test
    public void aPreprocessorErrorGoesToErrAndTheStreamGoesOn() {
        SinkSlot out = rig.sinkSlot("out", lines());
        SinkSlot errors = rig.sinkSlot("errors", Options.fast());
        FakeSink good = new FakeSink();
        FakeSink bad = new FakeSink();
        rig.sink(out, good, lines(), codec, List.of());
        rig.sink(errors, bad, Options.fast(), null, List.of());
        FakeSource source = new FakeSource().data(1, 0, "toolongline\n").data(1, 1, "ok\n");
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out)), "err", List.of(Rig.to(errors))),
                List.of(out.breaker(), errors.breaker()));
        rig.source(in, source, lines(), codec, splitter(Map.of("max_length", "4")));

        Wait.until("2 acks, got " + source.acked, () -> source.acked.size() == 2);
        assertEquals(List.of("ok"), good.values);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) bad.values.get(0);
        assertEquals("preprocessor 'split': line longer than 4 bytes", error.get("error"));
        assertArrayEquals("toolongline\n".getBytes(StandardCharsets.UTF_8), (byte[]) error.get("raw"));
    }

    @Test
    public void aDecoderThatThrowsUnexpectedlyStartsTheStreamAfresh() {
        SinkSlot out = rig.sinkSlot("out", lines());
        FakeSink good = new FakeSink();
        rig.sink(out, good, lines(), codec, List.of());
        FakeSource source = new FakeSource().data(1, 0, "x\nboom\npartial").data(1, 1, "next\n");
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        SourceManager manager = rig.source(in, source, lines(), codec, splitter(Map.of()));

        Wait.until("x and next, got " + good.values, () -> good.values.size() == 2);
        assertEquals(List.of("x", "next"), good.values);
        assertEquals(1, in.counters().err.sum());
        assertEquals(1, in.counters().dropped.sum());
        assertTrue(manager.lastError(), manager.lastError().startsWith("codec 'lines' failed: "
                + "java.lang.IllegalStateException: decoder bug"));
        assertEquals(1, source.opens.get());
    }

    @Test
    public void aStreamEndFlushesThePartialRecordAndTheNextDataStartsANewStream() {
        SinkSlot out = rig.sinkSlot("out", lines());
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, lines(), codec, List.of());
        FakeSource source = new FakeSource().data(1, 0, "x\ny").end(1).data(1, 1, "z\n").data(2, 0, "w\n");
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, lines(), codec, splitter(Map.of()));

        Wait.until("4 events, got " + sink.values, () -> sink.values.size() == 4);
        assertEquals(List.of("x", "y", "z", "w"), sink.values);
        assertEquals(List.of(0L, 1L, 0L, 0L), sink.events.stream().map(e -> e.id().sequence()).toList());
    }

    @Test
    public void structuredValuesBypassTheCodec() {
        SinkSlot out = rig.sinkSlot("out", Options.fast());
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, Options.fast(), null, List.of());
        FakeSource source = new FakeSource().value(0, 42, Map.of("tick", 1L));
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, lines(), codec, splitter(Map.of()));

        Wait.until("one ack", () -> source.acked.size() == 1);
        assertEquals(List.of(Map.of("tick", 1L)), sink.values);
        assertEquals(List.of(42L), source.acked);
        assertTrue("a structured sink gets no frames", sink.frames.isEmpty());
    }

    @Test
    public void withoutCodecARecordIsItsBytes() {
        SinkSlot out = rig.sinkSlot("out", Options.fast());
        FakeSink sink = new FakeSink();
        rig.sink(out, sink, Options.fast(), null, List.of());
        FakeSource source = new FakeSource().data(0, 0, "raw\n");
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, Options.fast(), null, splitter(Map.of()));

        Wait.until("one value", () -> sink.values.size() == 1);
        assertArrayEquals("raw".getBytes(StandardCharsets.UTF_8), (byte[]) sink.values.get(0));
    }

    @Test
    public void anEventOnAPortNothingIsLinkedToIsDroppedAndAcknowledged() {
        SinkSlot out = rig.sinkSlot("out", lines());
        rig.sink(out, new FakeSink(), lines(), codec, List.of());
        FakeSource source = new FakeSource().data(1, 3, "bad\n");
        SourceSlot in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        rig.source(in, source, lines(), codec, splitter(Map.of()));

        Wait.until("one ack", () -> source.acked.size() == 1);
        assertEquals(1, in.counters().dropped.sum());
        assertEquals(1, in.counters().err.sum());
    }
}
