package io.weir.connector.http.internal.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The options of one http_server source: a factory configuration of PID {@value HttpServerSource#PID},
 * for example {@code etc/weir.source.http_server-api.cfg}. (A double underscore in a method name is
 * an underscore in the key: {@code max__body__bytes} reads {@code max_body_bytes}.)
 */
@ObjectClassDefinition(name = "Weir http_server source",
        description = "Receives HTTP requests; each body goes through the codec, and the reply waits for the fate "
                + "of its events: success when every sink took them, an error when one failed or it took too long.")
public @interface HttpServerConfig {

    @AttributeDefinition(description = "Address to listen on. Default 127.0.0.1 (loopback only); 0.0.0.0 listens "
            + "on all interfaces.")
    String host() default HttpServerSettings.DEFAULT_HOST;

    @AttributeDefinition(description = "TCP port to listen on, 1-65535 (0 picks a free port). Required.")
    int port();

    @AttributeDefinition(description = "Path prefix served, e.g. /ingest (also matches /ingest/...). Other paths "
            + "get 404. Default /.")
    String path() default "/";

    @AttributeDefinition(description = "Comma-separated methods accepted: POST, PUT, PATCH. Others get 405. "
            + "Default POST,PUT.")
    String methods() default HttpServerSettings.DEFAULT_METHODS;

    @AttributeDefinition(description = "Largest request body in bytes; larger gets 413. Default 1048576.")
    int max__body__bytes() default HttpServerSettings.DEFAULT_MAX_BODY_BYTES;

    @AttributeDefinition(description = "Most requests received and not yet answered, over all connections; "
            + "beyond, 503 with Retry-After. Default 256.")
    int max__concurrent() default HttpServerSettings.DEFAULT_MAX_CONCURRENT;

    @AttributeDefinition(description = "Most open connections; beyond, new ones are closed at once. Default 1024.")
    int max__connections() default HttpServerSettings.DEFAULT_MAX_CONNECTIONS;

    @AttributeDefinition(description = "How long a received request waits for its events' fate before 504. "
            + "Default 30000 ms.")
    long response__timeout__ms() default HttpServerSettings.DEFAULT_RESPONSE_TIMEOUT_MS;

    @AttributeDefinition(description = "How long the server waits for the client to send more (inside a request: "
            + "408; between requests of a kept-alive connection: close). Default 30000 ms.")
    long read__timeout__ms() default HttpServerSettings.DEFAULT_READ_TIMEOUT_MS;

    @AttributeDefinition(description = "How long one request may take to arrive whole, head and body, counted "
            + "from its first byte, however steadily the client sends; beyond, 408 and the connection is closed. "
            + "Default 60000 ms.")
    long request__timeout__ms() default HttpServerSettings.DEFAULT_REQUEST_TIMEOUT_MS;

    @AttributeDefinition(description = "Largest request line and largest header block in bytes; beyond, 414 or "
            + "431. Default 8192.")
    int max__header__bytes() default HttpServerSettings.DEFAULT_MAX_HEADER_BYTES;

    @AttributeDefinition(description = "Status of the reply when every sink took the request's events: 200, 201, "
            + "202 or 204. Default 200.")
    int success__status() default HttpServerSettings.DEFAULT_SUCCESS_STATUS;

    @AttributeDefinition(description = "Status of the reply when a sink failed one of its events: 500, 502 or "
            + "503. Default 500.")
    int failure__status() default HttpServerSettings.DEFAULT_FAILURE_STATUS;

    @AttributeDefinition(description = "Retry-After seconds sent with 503 (server busy or paused). Default 1.")
    int retry__after__seconds() default HttpServerSettings.DEFAULT_RETRY_AFTER_SECONDS;

    @AttributeDefinition(description = "Network I/O threads. Default 2.")
    int io__threads() default HttpServerSettings.DEFAULT_IO_THREADS;
}
