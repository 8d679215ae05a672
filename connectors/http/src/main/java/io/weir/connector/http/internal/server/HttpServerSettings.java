package io.weir.connector.http.internal.server;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.weir.connector.support.internal.config.ConfigReader;

/**
 * The checked options of an http_server source (see {@link HttpServerConfig} for their meaning).
 *
 * @param host                where to listen
 * @param port                TCP port, 0 for a free one
 * @param path                the path prefix served, without a trailing slash except for "/"
 * @param methods             the accepted methods, upper case
 * @param maxBodyBytes        largest body accepted
 * @param maxConcurrent       most requests received and not yet answered
 * @param maxConnections      most open connections
 * @param responseTimeoutMs   how long a request waits for its verdict
 * @param readTimeoutMs       how long the server waits for the client to send more
 * @param requestTimeoutMs    how long one request may take to arrive whole, head and body, from its first byte
 * @param maxHeaderBytes      largest request line and header block
 * @param successStatus       reply status on acknowledgement
 * @param failureStatus       reply status on failure
 * @param retryAfterSeconds   Retry-After sent with 503
 * @param ioThreads           network threads
 */
record HttpServerSettings(String host, int port, String path, Set<String> methods, int maxBodyBytes,
        int maxConcurrent, int maxConnections, long responseTimeoutMs, long readTimeoutMs, long requestTimeoutMs,
        int maxHeaderBytes,
        int successStatus, int failureStatus, int retryAfterSeconds, int ioThreads) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final String DEFAULT_METHODS = "POST,PUT";
    static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    static final int DEFAULT_MAX_CONCURRENT = 256;
    static final int DEFAULT_MAX_CONNECTIONS = 1024;
    static final long DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;
    static final long DEFAULT_READ_TIMEOUT_MS = 30_000;
    static final long DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
    static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    static final int DEFAULT_SUCCESS_STATUS = 200;
    static final int DEFAULT_FAILURE_STATUS = 500;
    static final int DEFAULT_RETRY_AFTER_SECONDS = 1;
    static final int DEFAULT_IO_THREADS = 2;

    /** Methods that carry a body: the only ones that make sense for ingestion. */
    static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    static final Set<Integer> SUCCESS_STATUSES = Set.of(200, 201, 202, 204);
    static final Set<Integer> FAILURE_STATUSES = Set.of(500, 502, 503);

    /**
     * Reads and checks the options.
     *
     * @param config the options as DS converted them
     * @param reader the raw configuration, for required keys and messages
     * @return the settings
     * @throws IllegalArgumentException naming the configuration and the key of the first bad option
     */
    static HttpServerSettings of(HttpServerConfig config, ConfigReader reader) {
        String origin = reader.origin();
        if (!reader.has("port")) {
            throw new IllegalArgumentException(origin + ": port is required (the TCP port to listen on, 0 for a free "
                    + "one)");
        }
        String host = reader.read("host", config::host);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(origin + ": host must not be empty (default " + DEFAULT_HOST + ")");
        }
        return new HttpServerSettings(host.trim(),
                reader.range("port", reader.read("port", config::port), 0, 65535, ""),
                path(origin, reader.read("path", config::path)),
                methods(origin, reader.read("methods", config::methods)),
                reader.range("max_body_bytes", reader.read("max_body_bytes", config::max__body__bytes), 1,
                        256 * 1024 * 1024, "bytes"),
                reader.range("max_concurrent", reader.read("max_concurrent", config::max__concurrent), 1,
                        65536, "requests"),
                reader.range("max_connections", reader.read("max_connections", config::max__connections), 1,
                        1_000_000, "connections"),
                reader.range("response_timeout_ms",
                        reader.read("response_timeout_ms", config::response__timeout__ms), 1, 3_600_000, "ms"),
                reader.range("read_timeout_ms", reader.read("read_timeout_ms", config::read__timeout__ms),
                        100, 3_600_000, "ms"),
                reader.range("request_timeout_ms",
                        reader.read("request_timeout_ms", config::request__timeout__ms), 100, 3_600_000, "ms"),
                reader.range("max_header_bytes", reader.read("max_header_bytes", config::max__header__bytes),
                        256, 1024 * 1024, "bytes"),
                status(origin, "success_status", reader.read("success_status", config::success__status),
                        SUCCESS_STATUSES),
                status(origin, "failure_status", reader.read("failure_status", config::failure__status),
                        FAILURE_STATUSES),
                reader.range("retry_after_seconds",
                        reader.read("retry_after_seconds", config::retry__after__seconds), 0, 3600, "seconds"),
                reader.range("io_threads", reader.read("io_threads", config::io__threads), 1, 64, "threads"));
    }

    private static String path(String origin, String path) {
        String p = path == null ? "" : path.trim();
        if (!p.startsWith("/") || p.contains("?") || p.contains("#") || p.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(origin + ": path must start with / and contain no ?, # or spaces, was '"
                    + path + "'");
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static Set<String> methods(String origin, String methods) {
        Set<String> found = new LinkedHashSet<>();
        for (String m : (methods == null ? "" : methods).split(",")) {
            String method = m.trim().toUpperCase(Locale.ROOT);
            if (method.isEmpty()) {
                continue;
            }
            if (!BODY_METHODS.contains(method)) {
                throw new IllegalArgumentException(origin + ": methods may only list POST, PUT and PATCH (methods that "
                        + "carry a body), found '" + m.trim() + "'");
            }
            found.add(method);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(origin + ": methods must name at least one of POST, PUT, PATCH");
        }
        return Set.copyOf(found);
    }

    private static int status(String origin, String key, int status, Set<Integer> allowed) {
        if (!allowed.contains(status)) {
            throw new IllegalArgumentException(origin + ": " + key + " must be one of " + new TreeSet<>(allowed)
                    + ", was " + status);
        }
        return status;
    }

    /**
     * @param requestPath the path of a request, without its query
     * @return whether it lies under the served prefix (segment-wise: /ingest serves /ingest/x, not /ingestion)
     */
    boolean serves(String requestPath) {
        if (path.equals("/")) {
            return requestPath.startsWith("/");
        }
        return requestPath.equals(path) || requestPath.startsWith(path + "/");
    }
}
