package io.weir.connector.http.internal.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.weir.connector.support.internal.config.ConfigReader;

/**
 * The checked options of an http_client sink (see {@link HttpClientConfig} for their meaning).
 *
 * @param url          where to send
 * @param method       the request method
 * @param headers      request headers, by name
 * @param timeoutMs    connect timeout and response timeout of one attempt
 * @param maxInFlight  most requests in flight
 * @param retries      retries after a retryable failure
 * @param backoffMs    wait before the first retry
 * @param maxBackoffMs longest wait between attempts
 * @param batch        one request per flush instead of one per event
 * @param version      the HTTP version asked for
 */
record HttpClientSettings(URI url, String method, Map<String, String> headers, long timeoutMs, int maxInFlight,
        int retries, long backoffMs, long maxBackoffMs, boolean batch, HttpClient.Version version) {

    static final String DEFAULT_METHOD = "POST";
    static final long DEFAULT_TIMEOUT_MS = 10_000;
    static final int DEFAULT_MAX_IN_FLIGHT = 64;
    static final int DEFAULT_RETRIES = 3;
    static final long DEFAULT_BACKOFF_MS = 100;
    static final long DEFAULT_MAX_BACKOFF_MS = 30_000;
    static final String DEFAULT_HTTP_VERSION = "1.1";
    static final String HEADER_PREFIX = "header.";
    static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    /**
     * Reads and checks the options.
     *
     * @param config the options as DS converted them
     * @param reader the raw configuration, for required keys, headers and messages
     * @return the settings
     * @throws IllegalArgumentException naming the configuration and the key of the first bad option
     */
    static HttpClientSettings of(HttpClientConfig config, ConfigReader reader) {
        String origin = reader.origin();
        if (!reader.has("url")) {
            throw new IllegalArgumentException(origin + ": url is required (where to send, http:// or https://)");
        }
        String method = reader.read("method", config::method);
        method = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException(origin + ": method must be POST, PUT or PATCH, was '" + config.method()
                    + "'");
        }
        long backoff = reader.range("backoff_ms", reader.read("backoff_ms", config::backoff__ms), 1,
                3_600_000, "ms");
        return new HttpClientSettings(
                url(origin, reader.read("url", config::url)),
                method,
                headers(origin, reader.withPrefix(HEADER_PREFIX)),
                reader.range("timeout_ms", reader.read("timeout_ms", config::timeout__ms), 1, 3_600_000, "ms"),
                reader.range("max_in_flight", reader.read("max_in_flight", config::max__in__flight), 1, 10_000,
                        "requests"),
                reader.range("retries", reader.read("retries", config::retries), 0, 100, "retries"),
                backoff,
                reader.range("max_backoff_ms", reader.read("max_backoff_ms", config::max__backoff__ms), backoff,
                        3_600_000, "ms (and at least backoff_ms)"),
                reader.read("batch", config::batch),
                version(origin, reader.read("http_version", config::http__version)));
    }

    private static URI url(String origin, String text) {
        URI uri;
        try {
            uri = new URI(text == null ? "" : text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(origin + ": url is not a valid URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(origin + ": url must start with http:// or https://, was '" + text
                    + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(origin + ": url has no host: '" + text + "'");
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException(origin + ": url must not have a #fragment: '" + text + "'");
        }
        return uri;
    }

    private static Map<String, String> headers(String origin, Map<String, String> raw) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> h : raw.entrySet()) {
            String name = h.getKey().trim();
            try {
                // The JDK client refuses names it manages itself (Host, Content-Length, Connection...).
                HttpRequest.newBuilder().header(name, h.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ": " + HEADER_PREFIX + h.getKey() + " cannot be sent: "
                        + e.getMessage(), e);
            }
            headers.put(name, h.getValue());
        }
        return Map.copyOf(headers);
    }

    private static HttpClient.Version version(String origin, String version) {
        String v = version == null ? "" : version.trim();
        switch (v) {
            case "1.1":
                return HttpClient.Version.HTTP_1_1;
            case "2":
                return HttpClient.Version.HTTP_2;
            default:
                throw new IllegalArgumentException(origin + ": http_version must be 1.1 or 2, was '" + version + "'");
        }
    }
}
