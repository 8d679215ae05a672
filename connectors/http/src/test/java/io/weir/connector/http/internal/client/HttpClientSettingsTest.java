package io.weir.connector.http.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;

import io.weir.connector.support.internal.config.ConfigReader;
import io.weir.connector.testkit.Configs;

import org.junit.Test;

/** Options of http_client: defaults, headers, and messages naming the file and the key. */
public class HttpClientSettingsTest {
    private static final String FILE = "file:/srv/etc/weir.sink.http_client-out.cfg";

    private static HttpClientSettings settings(Object... options) {
        Map<String, Object> config = new HashMap<>();
        config.put("felix.fileinstall.filename", FILE);
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        return HttpClientSettings.of(Configs.of(HttpClientConfig.class, config), new ConfigReader(config));
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
        HttpClientSettings s = settings("url", "http://collector:8080/in", "codec", "json");
        assertEquals(URI.create("http://collector:8080/in"), s.url());
        assertEquals("POST", s.method());
        assertEquals(Map.of(), s.headers());
        assertEquals(10_000, s.timeoutMs());
        assertEquals(64, s.maxInFlight());
        assertEquals(3, s.retries());
        assertEquals(100, s.backoffMs());
        assertEquals(30_000, s.maxBackoffMs());
        assertEquals(false, s.batch());
        assertEquals(HttpClient.Version.HTTP_1_1, s.version());
    }

    @Test
    public void headersComeFromHeaderKeys() {
        HttpClientSettings s = settings("url", "https://x/", "header.Authorization", "Bearer t",
                "header.Content-Type", "application/x-ndjson", "http_version", "2");
        assertEquals(Map.of("Authorization", "Bearer t", "Content-Type", "application/x-ndjson"), s.headers());
        assertEquals(HttpClient.Version.HTTP_2, s.version());
    }

    @Test
    public void refusesBadOptionsNamingTheKey() {
        refused("url is required");
        refused("url must start with http:// or https://", "url", "ftp://x/");
        refused("url is not a valid URL", "url", "http://bad host/");
        refused("url has no host", "url", "http:///path");
        refused("method must be POST, PUT or PATCH", "url", "http://x/", "method", "GET");
        refused("header.Host cannot be sent", "url", "http://x/", "header.Host", "y");
        refused("header.Content-Length cannot be sent", "url", "http://x/", "header.Content-Length", "3");
        refused("timeout_ms must be between 1", "url", "http://x/", "timeout_ms", "0");
        refused("max_in_flight must be between 1", "url", "http://x/", "max_in_flight", "0");
        refused("retries must be between 0", "url", "http://x/", "retries", "-1");
        refused("backoff_ms must be between 1", "url", "http://x/", "backoff_ms", "0");
        refused("max_backoff_ms must be between 500", "url", "http://x/", "backoff_ms", "500", "max_backoff_ms",
                "100");
        refused("http_version must be 1.1 or 2", "url", "http://x/", "http_version", "3");
        refused("retries has a value of the wrong type", "url", "http://x/", "retries", "many");
    }

    @Test
    public void backoffDoublesUpToTheCapAndHonoursRetryAfter() {
        assertEquals(100, Backoff.delayMs(100, 1000, 1, -1));
        assertEquals(200, Backoff.delayMs(100, 1000, 2, -1));
        assertEquals(400, Backoff.delayMs(100, 1000, 3, -1));
        assertEquals(1000, Backoff.delayMs(100, 1000, 5, -1));
        assertEquals(1000, Backoff.delayMs(100, 1000, 200, -1));
        assertEquals(700, Backoff.delayMs(100, 1000, 1, 700));
        assertEquals(1000, Backoff.delayMs(100, 1000, 1, 5000));
        assertEquals(3000, Backoff.retryAfterMs(" 3 "));
        assertEquals(-1, Backoff.retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(-1, Backoff.retryAfterMs(null));
    }
}
