package io.weir.connector.http.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.weir.connector.support.internal.config.ConfigReader;
import io.weir.connector.testkit.Configs;

import org.junit.Test;

/** Options of http_server: defaults, and messages naming the file and the key. */
public class HttpServerSettingsTest {
    private static final String FILE = "file:/srv/etc/weir.source.http_server-api.cfg";

    private static HttpServerSettings settings(Object... options) {
        Map<String, Object> config = new HashMap<>();
        config.put("felix.fileinstall.filename", FILE);
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        return HttpServerSettings.of(Configs.of(HttpServerConfig.class, config), new ConfigReader(config));
    }

    private static void refused(String expected, Object... options) {
        try {
            settings(options);
            fail("accepted " + java.util.Arrays.toString(options));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(FILE + ": "));
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }

    @Test
    public void defaults() {
        HttpServerSettings s = settings("port", "8080");
        assertEquals("127.0.0.1", s.host());
        assertEquals(8080, s.port());
        assertEquals("/", s.path());
        assertEquals(Set.of("POST", "PUT"), s.methods());
        assertEquals(1024 * 1024, s.maxBodyBytes());
        assertEquals(256, s.maxConcurrent());
        assertEquals(1024, s.maxConnections());
        assertEquals(30_000, s.responseTimeoutMs());
        assertEquals(30_000, s.readTimeoutMs());
        assertEquals(60_000, s.requestTimeoutMs());
        assertEquals(8192, s.maxHeaderBytes());
        assertEquals(200, s.successStatus());
        assertEquals(500, s.failureStatus());
        assertEquals(1, s.retryAfterSeconds());
        assertEquals(2, s.ioThreads());
    }

    @Test
    public void unknownKeysOfTheRuntimeAreIgnored() {
        HttpServerSettings s = settings("port", "1", "codec", "json", "preprocessors", "separate");
        assertEquals(1, s.port());
    }

    @Test
    public void refusesBadOptionsNamingTheKey() {
        refused("port is required");
        refused("port must be between 0 and 65535", "port", "70000");
        refused("port has a value of the wrong type", "port", "eighty");
        refused("host must not be empty", "port", "1", "host", " ");
        refused("path must start with /", "port", "1", "path", "ingest");
        refused("methods may only list POST, PUT and PATCH", "port", "1", "methods", "POST,GET");
        refused("methods must name at least one", "port", "1", "methods", " , ");
        refused("max_body_bytes must be between 1", "port", "1", "max_body_bytes", "0");
        refused("max_concurrent must be between 1", "port", "1", "max_concurrent", "0");
        refused("max_connections must be between 1", "port", "1", "max_connections", "0");
        refused("response_timeout_ms must be between 1", "port", "1", "response_timeout_ms", "0");
        refused("read_timeout_ms must be between 100", "port", "1", "read_timeout_ms", "5");
        refused("request_timeout_ms must be between 100", "port", "1", "request_timeout_ms", "99");
        refused("max_header_bytes must be between 256", "port", "1", "max_header_bytes", "10");
        refused("success_status must be one of [200, 201, 202, 204]", "port", "1", "success_status", "500");
        refused("failure_status must be one of [500, 502, 503]", "port", "1", "failure_status", "200");
        refused("retry_after_seconds must be between 0", "port", "1", "retry_after_seconds", "-1");
        refused("io_threads must be between 1", "port", "1", "io_threads", "0");
    }

    @Test
    public void pathPrefixMatchesWholeSegments() {
        HttpServerSettings s = settings("port", "1", "path", "/ingest/");
        assertEquals("/ingest", s.path());
        assertTrue(s.serves("/ingest"));
        assertTrue(s.serves("/ingest/a/b"));
        assertFalse(s.serves("/ingestion"));
        assertFalse(s.serves("/"));
        assertTrue(settings("port", "1").serves("/anything"));
    }

    @Test
    public void requestTargets() {
        assertEquals(new RequestTarget("/a/b", "x=1&y"), RequestTarget.parse("/a/b?x=1&y"));
        assertEquals(new RequestTarget("/a", ""), RequestTarget.parse("http://host:80/a"));
        assertEquals(new RequestTarget("/", "q"), RequestTarget.parse("http://host?q"));
        assertEquals(new RequestTarget("/p", ""), RequestTarget.parse("/p#frag"));
        assertEquals(null, RequestTarget.parse("*"));
    }
}
