package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;

import java.util.Map;

import org.junit.Test;

public class StartOrderTest {
    @Test
    public void listsGiveLevelsAndOthersTheDefault() {
        StartOrder order = StartOrder.from(Map.of(
                StartOrder.FIRST_KEY, " log.api , log.impl,,",
                StartOrder.LAST_KEY, "fileinstall",
                StartOrder.CONSOLE_KEY, "gogo.jline"));
        assertEquals(StartOrder.FIRST, order.levelOf("log.api"));
        assertEquals(StartOrder.FIRST, order.levelOf("log.impl"));
        assertEquals(StartOrder.LAST, order.levelOf("fileinstall"));
        assertEquals(StartOrder.CONSOLE, order.levelOf("gogo.jline"));
        assertEquals(StartOrder.DEFAULT, order.levelOf("io.weir.runtime"));
        assertEquals(StartOrder.DEFAULT, order.levelOf(""));
        assertEquals(StartOrder.DEFAULT, order.levelOf(null));
    }

    @Test
    public void noListsMeanEverythingAtTheDefault() {
        assertEquals(StartOrder.DEFAULT, StartOrder.from(Map.of()).levelOf("anything"));
    }

    @Test
    public void consoleWinsOverTheOtherLists() {
        StartOrder order = StartOrder.from(Map.of(StartOrder.FIRST_KEY, "x", StartOrder.CONSOLE_KEY, "x"));
        assertEquals(StartOrder.CONSOLE, order.levelOf("x"));
    }
}
