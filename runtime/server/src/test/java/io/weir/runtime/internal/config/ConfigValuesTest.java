package io.weir.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ConfigValuesTest {

    @Test
    public void listsComeFromTextArraysAndCollections() {
        assertEquals(List.of("a", "b"), ConfigValues.list(Map.of("k", " a, ,b "), "k"));
        assertEquals(List.of("a", "b", "c"), ConfigValues.list(Map.of("k", new String[] {"a", "b,c"}), "k"));
        assertEquals(List.of("x"), ConfigValues.list(Map.of("k", List.of("x")), "k"));
        assertEquals(List.of(), ConfigValues.list(Map.of(), "k"));
    }

    @Test
    public void theInstanceNameFollowsTheTilde() {
        assertEquals("ticks", ConfigValues.instanceName(Map.of("service.pid", "weir.source.metronome~ticks")));
        assertEquals("a-b", ConfigValues.instanceName(Map.of("service.pid",
                new String[] {"weir.source.x", "weir.source.x~a-b"})));
        assertNull(ConfigValues.instanceName(Map.of("service.pid", "weir.manager")));
        assertNull(ConfigValues.instanceName(Map.of()));
    }

    @Test
    public void theOriginIsTheFileRelativeToTheWorkingDirectory() {
        String inside = Paths.get("etc", "weir.flow-x.cfg").toAbsolutePath().toUri().toString();
        assertEquals(Paths.get("etc", "weir.flow-x.cfg").toString(),
                ConfigValues.origin(Map.of(ConfigValues.FILE, inside)));
        assertEquals("/elsewhere/etc/a.cfg", ConfigValues.origin(Map.of(ConfigValues.FILE, "file:/elsewhere/etc/a.cfg")));
        assertEquals("configuration weir.flow~x", ConfigValues.origin(Map.of("service.pid", "weir.flow~x")));
    }

    @Test
    public void numbersAcceptTextAndNumbers() {
        assertEquals(5, ConfigValues.number(Map.of("k", 5), "k", 1, 0, 10));
        assertEquals(7, ConfigValues.number(Map.of("k", " 7 "), "k", 1, 0, 10));
        assertEquals(1, ConfigValues.number(Map.of("k", ""), "k", 1, 0, 10));
    }
}
