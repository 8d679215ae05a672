package io.weir.connector.support.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.Test;

public class ConfigReaderTest {
    private final ConfigReader fromFile = new ConfigReader(Map.of(ConfigReader.FILE_NAME,
            "file:/etc/weir.sink.http_client-a.cfg", "service.pid", "weir.sink.http_client~a", "header.Accept", "*/*",
            "header.X-Id", 7, "url", "http://x/"));
    private final ConfigReader forConnector = new ConfigReader("tcp_server");

    @Test
    public void originIsTheFileThenThePidThenTheConnector() {
        assertEquals("file:/etc/weir.sink.http_client-a.cfg", fromFile.origin());
        assertEquals("weir.sink.x~a", new ConfigReader(Map.of("service.pid", "weir.sink.x~a")).origin());
        assertEquals("configuration", new ConfigReader(Map.of()).origin());
        assertEquals("tcp_server", forConnector.origin());
    }

    @Test
    public void conversionErrorsNameWhereAndTheKey() {
        NumberFormatException cause = new NumberFormatException("For input string: \"x\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromFile.read("retries", () -> {
            throw cause;
        }));
        assertEquals("file:/etc/weir.sink.http_client-a.cfg: retries has a value of the wrong type (For input string: "
                + "\"x\")", e.getMessage());
        assertSame(cause, e.getCause());

        e = assertThrows(IllegalArgumentException.class, () -> forConnector.read("port", () -> {
            throw cause;
        }));
        assertEquals("tcp_server option port has a value of the wrong type (For input string: \"x\")", e.getMessage());
        assertEquals(Long.valueOf(7), forConnector.read("limit", () -> 7L));
    }

    @Test
    public void requiredTextIsTrimmedAndMustNotBeBlank() {
        assertEquals("localhost", forConnector.required("host", () -> " localhost "));
        assertMessage("tcp_server option host is required", () -> forConnector.required("host", () -> " "));
        assertMessage("tcp_server option host is required", () -> forConnector.required("host", () -> null));
    }

    @Test
    public void oneOfIgnoresCaseAndListsTheChoices() {
        assertEquals("want", forConnector.oneOf("tls.client_auth", () -> " WANT", "none", "want", "need"));
        assertMessage("tcp_server option tls.client_auth must be one of none, want, need, was 'maybe'",
                () -> forConnector.oneOf("tls.client_auth", () -> "Maybe", "none", "want", "need"));
        assertMessage("tcp_server option tls.client_auth is required",
                () -> forConnector.oneOf("tls.client_auth", () -> "", "none"));
    }

    @Test
    public void rangesIncludeTheirBoundsAndNameTheUnit() {
        assertEquals(0, forConnector.range("port", () -> 0, 0, 65535));
        assertEquals(65535, forConnector.range("port", () -> 65535, 0, 65535));
        assertMessage("tcp_server option port must be between 0 and 65535, was 65536",
                () -> forConnector.range("port", () -> 65536, 0, 65535));
        assertMessage("tcp_server option port is required", () -> forConnector.range("port", () -> null, 0, 65535));

        int threads = fromFile.range("io_threads", 4, 1, 64, "threads");
        assertEquals(4, threads);
        assertMessage("file:/etc/weir.sink.http_client-a.cfg: timeout_ms must be between 1 and 3600000 ms, was 0",
                () -> fromFile.range("timeout_ms", 0L, 1, 3_600_000, "ms"));
        assertMessage("file:/etc/weir.sink.http_client-a.cfg: port must be between 0 and 65535, was -1",
                () -> fromFile.range("port", -1, 0, 65535, ""));
    }

    @Test
    public void invalidNamesTheKey() {
        assertEquals("tcp_server option tls.keystore is required when tls.enabled is true",
                forConnector.invalid("tls.keystore", "is required when tls.enabled is true").getMessage());
    }

    @Test
    public void rawPropertiesAnswerWhetherAKeyIsSetAndGroupsByPrefix() {
        assertTrue(fromFile.has("url"));
        assertFalse(fromFile.has("method"));
        assertEquals(Map.of("Accept", "*/*", "X-Id", "7"), fromFile.withPrefix("header."));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("header.Empty", null);
        assertEquals(Map.of(), new ConfigReader(withNull).withPrefix("header."));
        assertThrows(IllegalStateException.class, () -> forConnector.has("url"));
        assertThrows(IllegalStateException.class, () -> forConnector.withPrefix("header."));
    }

    private static void assertMessage(String expected, Runnable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call::run).getMessage());
    }
}
