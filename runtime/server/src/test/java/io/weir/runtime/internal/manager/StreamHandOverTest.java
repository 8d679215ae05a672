package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.weir.api.codec.Decoder;
import io.weir.api.processor.FrameOutput;
import io.weir.api.processor.PreprocessorFactory;
import io.weir.api.processor.Processor;
import io.weir.api.connector.SourceContext;
import io.weir.api.event.Event;
import io.weir.runtime.internal.testing.FakeSink;
import io.weir.runtime.internal.testing.FakeSource;
import io.weir.runtime.internal.testing.LineCodec;
import io.weir.runtime.internal.testing.Options;
import io.weir.runtime.internal.testing.SplitLines;
import io.weir.runtime.internal.testing.Wait;

import org.junit.After;
import org.junit.Test;

/**
 * A source's streams across a swap: the stopping manager leaves them open (half a line in the splitter, the
 * numbering of the events), the next instance continues those it names while it opens, and the rest end as
 * they would have. A partial record is emitted once, whole, in order; never glued to a stream nobody
 * continued.
 */
public class StreamHandOverTest {
    private static final long STREAM = 7;
    private final Rig rig = new Rig();
    private final List<ManagerThread> managers = new ArrayList<>();
    private final LineCodec codec = new LineCodec();
    private final SplitLines split = new SplitLines();
    private final ManagerOptions options = Options.withCodec("lines",
            List.of(new ManagerOptions.ProcessorOption("split", Map.of())));
    private final FakeSink sink = new FakeSink();
    private SourceSlot in;

    @After
    public void stop() {
        for (ManagerThread manager : managers) {
            manager.stop(5_000);
        }
        rig.close();
    }

    /** A source that, while it opens, continues the streams it is told to and records the answers. */
    private static final class ContinuingSource extends FakeSource {
        final List<Long> continues;
        final List<Boolean> answers = new CopyOnWriteArrayList<>();

        ContinuingSource(Long... continues) {
            this.continues = List.of(continues);
        }

        @Override
        public void open(SourceContext context) throws Exception {
            for (long stream : continues) {
                answers.add(context.continueStream(stream));
            }
            super.open(context);
        }
    }

    /** Decodes as {@link LineCodec}, prefixed with {@code v2:}: the new version of the codec. */
    private static final class NewLineCodec extends LineCodec {
        @Override
        public Decoder decoder(Map<String, Object> options) {
            Decoder plain = super.decoder(options);
            return (data, offset, length) -> "v2:" + plain.decode(data, offset, length);
        }
    }

    /** A line splitter that hands its partial line over and marks the lines it forms with its version. */
    private static final class VersionedLines implements PreprocessorFactory {
        final String version;

        VersionedLines(String version) {
            this.version = version;
        }

        @Override
        public Processor create(Map<String, Object> options) {
            return new Processor() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public void process(byte[] data, int offset, int length, FrameOutput out) {
                    for (int i = offset; i < offset + length; i++) {
                        if (data[i] == '\n') {
                            byte[] line = (partial + "@" + version).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            partial.setLength(0);
                            out.frame(line, 0, line.length);
                        } else {
                            partial.append((char) data[i]);
                        }
                    }
                }

                @Override
                public byte[] unprocessed() {
                    return partial.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
            };
        }
    }

    private SourceSetup setup(FakeSource source, Object codecService, Object splitService) {
        return new SourceSetup("in", source, options, (io.weir.api.codec.Codec) codecService,
                List.of(new ProcessorStep("split", splitService, Map.of())));
    }

    private SourceManager start(SourceManager manager) {
        managers.add(manager);
        Rig.start(manager);
        return manager;
    }

    /** Runs a first instance that sends two lines and half a third on {@link #STREAM}, then stops it for a swap. */
    private FakeSource firstInstanceStoppedMidLine(Predicate<Object> leaving) {
        return firstInstanceStoppedMidLine(split, leaving);
    }

    private FakeSource firstInstanceStoppedMidLine(Object splitService, Predicate<Object> leaving) {
        SinkSlot out = rig.sinkSlot("out", options);
        rig.sink(out, sink, options, null, List.of());
        in = Rig.wire("in", Map.of("out", List.of(Rig.to(out))), List.of(out.breaker()));
        FakeSource first = new FakeSource();
        first.line(STREAM, 0, "a0\n").line(STREAM, 1, "a1\n").data(STREAM, 2, "a2 ha");
        SourceManager manager = start(new SourceManager(in, setup(first, codec, splitService), Map.of()));
        Wait.until("two lines arrive, " + sink.values, () -> sink.values.size() == 2);
        Wait.until("the half line was taken", () -> first.script.isEmpty() && first.pulls.get() > 2);
        manager.handStreamsOver(leaving);
        assertTrue(manager.stop(5_000));
        return first;
    }

    private SourceManager next(FakeSource source, Object codecService, boolean continuable) {
        SourceManager manager = new SourceManager(in, setup(source, codecService, split), in.lastState());
        manager.carried(in.takeCarried(), continuable);
        return start(manager);
    }

    private Event event(int index) {
        return sink.events.get(index);
    }

    @Test
    public void aHalfLineSurvivesASourceSwapAndIsEmittedOnceWholeAndInOrder() {
        firstInstanceStoppedMidLine(service -> false);
        assertEquals("nothing of the half line came out yet", List.of("a0", "a1"), sink.values);

        ContinuingSource second = new ContinuingSource(STREAM);
        second.data(STREAM, 3, "lf done\n").line(STREAM, 4, "a3\n");
        next(second, codec, true);
        Wait.until("four lines, " + sink.values, () -> sink.values.size() == 4);
        assertEquals(List.of(true), second.answers);
        assertEquals(List.of("a0", "a1", "a2 half done", "a3"), sink.values);
        assertEquals("the numbering goes on", 2, event(2).id().sequence());
        assertEquals(3, event(3).id().sequence());
        assertEquals(STREAM, event(3).id().stream());
        assertEquals("the position of the data that completed it", 3, event(2).id().position());
        assertFalse("asked outside open", second.context.continueStream(STREAM));
    }

    @Test
    public void aStreamTheNewInstanceDoesNotContinueIsEndedAndNotGluedToNewData() {
        firstInstanceStoppedMidLine(service -> false);
        // A new instance that numbers its streams from scratch: the same id is another stream.
        FakeSource second = new FakeSource();
        second.line(STREAM, 0, "b0\n");
        next(second, codec, true);
        Wait.until("four lines, " + sink.values, () -> sink.values.size() == 4);
        assertEquals(List.of("a0", "a1", "a2 ha", "b0"), sink.values);
        assertEquals("the new stream starts its own numbering", 0, event(3).id().sequence());
        assertEquals(2, event(2).id().sequence());
    }

    @Test
    public void aSwappedCodecDecodesTheRestOfTheHalfLineTheSplitterKept() {
        firstInstanceStoppedMidLine(service -> service == codec);
        NewLineCodec newCodec = new NewLineCodec();
        ContinuingSource second = new ContinuingSource(STREAM);
        second.data(STREAM, 3, "lf\n");
        next(second, newCodec, true);
        Wait.until("three lines, " + sink.values, () -> sink.values.size() == 3);
        assertEquals(List.of("a0", "a1", "v2:a2 half"), sink.values);
        assertEquals(List.of(true), second.answers);
    }

    @Test
    public void aSwappedPreprocessorEndsTheStreamWhenItStopsAndRefusesToContinueIt() {
        firstInstanceStoppedMidLine(service -> service == split);
        Wait.until("the half line is ended, " + sink.values, () -> sink.values.size() == 3);
        assertEquals("the splitter's buffer went out with its last call", List.of("a0", "a1", "a2 ha"), sink.values);
        assertNull("nothing left open", in.takeCarried());

        ContinuingSource second = new ContinuingSource(STREAM);
        second.line(STREAM, 3, "b0\n");
        SourceManager manager = new SourceManager(in, new SourceSetup("in", second, options, codec,
                List.of(new ProcessorStep("split", new SplitLines(), Map.of()))), in.lastState());
        manager.carried(in.takeCarried(), true);
        start(manager);
        Wait.until("four lines, " + sink.values, () -> sink.values.size() == 4);
        assertEquals(List.of(false), second.answers);
        assertEquals("b0", sink.values.get(3));
    }

    @Test
    public void aReconfiguredInstanceContinuesNothingAndTheHalfLineIsEndedOnce() {
        firstInstanceStoppedMidLine(service -> false);
        ContinuingSource second = new ContinuingSource(STREAM);
        second.line(STREAM, 0, "c0\n");
        next(second, codec, false);
        Wait.until("four lines, " + sink.values, () -> sink.values.size() == 4);
        assertEquals(List.of(false), second.answers);
        assertEquals(List.of("a0", "a1", "a2 ha", "c0"), sink.values);
    }

    @Test
    public void aFailedOpenOffersTheStreamsAgainAtTheNextAttempt() {
        firstInstanceStoppedMidLine(service -> false);
        ContinuingSource second = new ContinuingSource(STREAM);
        second.openFailures = 1;
        second.data(STREAM, 3, "lf\n");
        next(second, codec, true);
        Wait.until("three lines, " + sink.values, () -> sink.values.size() == 3);
        assertEquals(List.of(true, true), second.answers);
        assertEquals(List.of("a0", "a1", "a2 half"), sink.values);
    }

    @Test
    public void aManagerThatNeverOpenedPassesTheStreamsOnToTheNext() {
        firstInstanceStoppedMidLine(service -> false);
        FakeSource never = new FakeSource();
        never.openFailures = Integer.MAX_VALUE;
        SourceManager stuck = next(never, codec, true);
        Wait.until("it tried to open", () -> never.opens.get() >= 1);
        stuck.handStreamsOver(service -> false);
        assertTrue(stuck.stop(5_000));
        CarriedStreams left = in.takeCarried();
        assertEquals(Set.of(STREAM), left.ids());
        in.carry(left);

        ContinuingSource third = new ContinuingSource(STREAM);
        third.data(STREAM, 3, "lf\n");
        next(third, codec, true);
        Wait.until("three lines, " + sink.values, () -> sink.values.size() == 3);
        assertEquals(List.of("a0", "a1", "a2 half"), sink.values);
    }

    @Test
    public void aSwappedPreprocessorThatHandsItsBufferOverLetsItsNewVersionCompleteTheLine() {
        VersionedLines v1 = new VersionedLines("v1");
        firstInstanceStoppedMidLine(v1, service -> service == v1);
        assertEquals(List.of("a0@v1", "a1@v1"), sink.values);
        ContinuingSource second = new ContinuingSource(STREAM);
        second.data(STREAM, 3, "lf\n").line(STREAM, 4, "a3\n");
        SourceManager manager = new SourceManager(in, setup(second, codec, new VersionedLines("v2")), in.lastState());
        manager.carried(in.takeCarried(), true);
        start(manager);
        Wait.until("four lines, " + sink.values, () -> sink.values.size() == 4);
        assertEquals(List.of(true), second.answers);
        assertEquals(List.of("a0@v1", "a1@v1", "a2 half@v2", "a3@v2"), sink.values);
        assertEquals(2, event(2).id().sequence());
    }

    @Test
    public void whenOneSwappedPreprocessorCannotHandOverTheOthersBufferGoesToErrAndTheStreamEnds() {
        VersionedLines inner = new VersionedLines("v1");
        SinkSlot out = rig.sinkSlot("out", options);
        rig.sink(out, sink, options, null, List.of());
        FakeSink errors = new FakeSink();
        SinkSlot err = rig.sinkSlot("err", options);
        rig.sink(err, errors, options, null, List.of());
        in = Rig.wire("in", Map.of("out", List.of(Rig.to(out)), "err", List.of(Rig.to(err))),
                List.of(out.breaker(), err.breaker()));
        FakeSource first = new FakeSource();
        first.line(STREAM, 0, "a0\n").data(STREAM, 1, "a1 ha");
        // Two stages of one plugin: the line splitter hands its half line over, the stage after it cannot say.
        PreprocessorFactory passOn = o -> (data, offset, length, output) -> output.frame(data, offset, length);
        SourceSetup both = new SourceSetup("in", first, options, codec, List.of(
                new ProcessorStep("hand", inner, Map.of()), new ProcessorStep("pass", passOn, Map.of())));
        SourceManager manager = start(new SourceManager(in, both, Map.of()));
        Wait.until("one line, " + sink.values, () -> sink.values.size() == 1);
        Wait.until("the half line was taken", () -> first.script.isEmpty() && first.pulls.get() > 2);
        manager.handStreamsOver(service -> service == inner || service == passOn);
        assertTrue(manager.stop(5_000));
        assertNull("nothing left open", in.takeCarried());
        Wait.until("the inner stage's half line goes to err, " + errors.values, () -> errors.values.size() == 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) errors.values.get(0);
        assertTrue(String.valueOf(error.get("error")), String.valueOf(error.get("error"))
                .startsWith("preprocessor 'hand': the stream ended in a swap (preprocessor 'pass' cannot hand over"));
        assertEquals("a1 ha", new String((byte[]) error.get("raw"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("the discarded stage is not finished", List.of("a0@v1"), sink.values);
    }
}
