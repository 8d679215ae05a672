package io.weir.runtime.internal.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.weir.runtime.internal.config.ConfigException;

import org.junit.Test;

/** How {@code weir.scheduler} and {@code weir.workers} in {@code etc/weir.properties} say the nodes run. */
public class FlowRuntimeWorkersTest {
    @Test
    public void byDefaultTheNodesRunOnOneWorkerPerCore() {
        assertEquals(4, FlowRuntime.workers(null, null, 4));
        assertEquals(4, FlowRuntime.workers(" workers ", "", 4));
        assertEquals("at least one, whatever the JVM says", 1, FlowRuntime.workers(null, null, 0));
    }

    @Test
    public void threadsGiveEachNodeAThreadOfItsOwn() {
        assertEquals(0, FlowRuntime.workers("threads", "8", 4));
    }

    @Test
    public void theNumberOfWorkersIsTakenAsGiven() {
        assertEquals(8, FlowRuntime.workers("workers", "8", 2));
        assertEquals(1, FlowRuntime.workers(null, "1", 2));
    }

    @Test
    public void aWrongValueIsRefusedNamingTheProperty() {
        ConfigException mode = assertThrows(ConfigException.class, () -> FlowRuntime.workers("fibers", null, 2));
        assertEquals("weir.scheduler: expected workers or threads, got \"fibers\"", mode.getMessage());
        ConfigException count = assertThrows(ConfigException.class, () -> FlowRuntime.workers(null, "0", 2));
        assertEquals("weir.workers: expected a whole number from 1 to 1024, got 0", count.getMessage());
        ConfigException text = assertThrows(ConfigException.class, () -> FlowRuntime.workers(null, "two", 2));
        assertEquals("weir.workers: expected a whole number from 1 to 1024, got \"two\"", text.getMessage());
    }
}
