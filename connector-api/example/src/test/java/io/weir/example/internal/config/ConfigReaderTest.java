package io.weir.example.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.util.Map;

import org.junit.Test;

public class ConfigReaderTest {

    @Test
    public void originIsTheFileWhenFileInstallMadeTheConfiguration() {
        ConfigReader reader = new ConfigReader(Map.of(ConfigReader.FILE_NAME, "file:/etc/weir.sink.append-a.cfg",
                "service.pid", "weir.sink.append~a"));

        assertEquals("file:/etc/weir.sink.append-a.cfg", reader.origin());
    }

    @Test
    public void originIsThePidOtherwise() {
        assertEquals("weir.sink.append~a", new ConfigReader(Map.of("service.pid", "weir.sink.append~a")).origin());
        assertEquals("configuration", new ConfigReader(Map.of()).origin());
    }

    @Test
    public void conversionErrorsNameOriginAndKey() {
        ConfigReader reader = new ConfigReader(Map.of("service.pid", "weir.source.sequence~t"));
        NumberFormatException cause = new NumberFormatException("For input string: \"x\"");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.read("rate", () -> {
            throw cause;
        }));

        assertEquals("weir.source.sequence~t: rate has a value of the wrong type (For input string: \"x\")",
                e.getMessage());
        assertSame(cause, e.getCause());
        assertEquals(Long.valueOf(7), reader.read("limit", () -> 7L));
    }
}
