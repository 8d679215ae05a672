package io.weir.connector.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.Delivery;

import org.junit.Test;

public class FakesTest {
    @Test
    public void aSinkEventRecordsEveryCompletionAndAnswersTheFirst() {
        FakeSinkEvent event = FakeSinkEvent.of("a", "bc");
        assertEquals(List.of("a", "bc"),
                event.frames().stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList());
        assertFalse(event.deferred());
        assertNull(event.outcome());
        Delivery delivery = event.defer();
        assertTrue(event.deferred());
        delivery.fail("down");
        delivery.ack();
        assertEquals("fail: down", event.outcome());
        assertEquals(List.of("fail: down", "ack"), event.completions());
        assertThrows(AssertionError.class, event::defer);
        assertTrue("sequence numbers differ",
                FakeSinkEvent.of().event().ids().get(0).sequence() != event.event().ids().get(0).sequence());
    }

    @Test
    public void aSourceOutputRecordsCopiesInOrder() {
        FakeSourceOutput out = new FakeSourceOutput();
        List<String> seen = new ArrayList<>();
        out.onData(item -> seen.add(item.text()));
        byte[] buffer = "xhello".getBytes(StandardCharsets.UTF_8);
        out.data(1, 0, buffer, 1, 5, Map.of());
        buffer[1] = 'j';
        out.value(2, 7, 42L, Map.of());
        out.data(2, 5, "!".getBytes(StandardCharsets.UTF_8), 0, 1, Map.of());
        out.streamEnd(1);
        assertEquals(List.of("data", "value", "data", "end"), out.items().stream().map(FakeSourceOutput.Item::kind).toList());
        assertEquals("hello!", out.text());
        assertEquals("hello", out.text(1));
        assertEquals(List.of("hello", "!"), seen);
        assertEquals(42L, out.values().get(0).value());
        assertEquals(List.of(1L), out.ended());
        out.clear();
        assertTrue(out.items().isEmpty());
        assertThrows(AssertionError.class, () -> FakeSourceOutput.bytesOnly().value(0, 0, "v", Map.of()));
    }

    @Test
    public void contextsRecordWhatTheConnectorReported() {
        FakeSourceContext source = new FakeSourceContext("in", Map.of("offset", 3L)).withCloseTimeoutMillis(100);
        source.connectionLost("reset");
        assertEquals("in", source.name());
        assertEquals(Map.of("offset", 3L), source.restoredState());
        assertEquals(100, source.closeTimeoutMillis());
        assertEquals(List.of("reset"), source.lost());
        source.error("oversize", "too long");
        source.error("tls", null);
        source.error("oversize", "longer still");
        assertEquals(List.of("oversize", "tls", "oversize"), source.errorKinds());
        assertEquals(2, source.errors("oversize"));
        assertEquals(0, source.errors("bad_request"));
        assertEquals(new FakeSourceContext.Reported("tls", null), source.errors().get(1));
        assertNull(source.endpoint());
        source.endpoint("tcp://127.0.0.1:4000");
        assertEquals("tcp://127.0.0.1:4000", source.endpoint());

        FakeSinkContext sink = new FakeSinkContext();
        sink.unavailable("full");
        sink.available();
        sink.connectionLost("gone");
        assertEquals("test", sink.name());
        assertEquals(5000, sink.closeTimeoutMillis());
        assertEquals(List.of("unavailable: full", "available", "lost: gone"), sink.calls());
    }

    @Test
    public void pollFailsNamingTheConditionWhenTimeIsUp() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> Poll.until("never", 20, () -> false));
        assertEquals("timed out after 20 ms waiting for never", e.getMessage());
        int[] steps = {0};
        Poll.until("three steps", 5000, () -> steps[0]++, () -> steps[0] == 3);
        assertEquals(3, steps[0]);
    }
}
