package io.weir.runtime.internal.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;
import io.weir.runtime.internal.stats.Counters;
import io.weir.runtime.internal.testing.FakeSource;

/**
 * An event emitted with the caller's hold ({@link Dispatcher#emitHeld}) is held once per target, and its source
 * hears once, whatever the number of targets.
 */
public class DispatcherTest {
    private final FakeSource source = new FakeSource();
    private final SourceAcks acks = new SourceAcks("s", new Counters());
    private final Inbox a = new Inbox("sink/a", 16);
    private final Inbox b = new Inbox("sink/b", 16);

    public DispatcherTest() {
        acks.target(source);
    }

    private Dispatcher dispatcher(boolean failUnlinked, Inbox... targets) {
        Dispatcher dispatcher = new Dispatcher(new Counters(), 64, full -> false, failUnlinked);
        List<Routes.Target> to = java.util.Arrays.stream(targets).map(inbox -> new Routes.Target(inbox, "in")).toList();
        dispatcher.adopt(new Routes(Map.of("out", to)));
        return dispatcher;
    }

    private Token emitHeld(Dispatcher dispatcher, String port, long offset) {
        Token token = new Token(new EventId("s", 0, offset, offset), acks);
        dispatcher.emitHeld(port, new Event(token.id(), 0, offset, new HashMap<>()), token);
        dispatcher.flushAll();
        return token;
    }

    @Test
    public void oneTargetTakesOverTheCallersHold() {
        Token token = emitHeld(dispatcher(true, a), "out", 7);
        assertEquals(1, token.count());
        Batch batch = a.poll(0);
        assertTrue(source.acked.isEmpty());
        Tokens.release(batch.tokens(0), true);
        assertEquals(List.of(7L), source.acked);
    }

    @Test
    public void eachTargetHoldsItsCopy() {
        Token token = emitHeld(dispatcher(true, a, b), "out", 8);
        assertEquals(2, token.count());
        Tokens.release(a.poll(0).tokens(0), true);
        assertTrue(source.acked.isEmpty());
        Tokens.release(b.poll(0).tokens(0), true);
        assertEquals(List.of(8L), source.acked);
    }

    @Test
    public void anUnlinkedPortCompletesTheEventAtOnce() {
        emitHeld(dispatcher(true, a), "elsewhere", 9);
        assertEquals(List.of(9L), source.failed);
        emitHeld(dispatcher(false, a), "elsewhere", 10);
        assertEquals(List.of(10L), source.acked);
    }
}
