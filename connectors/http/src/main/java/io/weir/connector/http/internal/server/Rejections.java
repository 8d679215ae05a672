package io.weir.connector.http.internal.server;

/**
 * The kinds of counted error (see {@code SourceContext.error}) that http_server reports for the
 * requests it answers itself, one per reason a client is turned away, and for requests cut short. Operators see them in
 * {@code weir:stats}; docs/connectors-http.md lists which status each one answers.
 */
final class Rejections {
    /** 400 (malformed request or framing, no path, empty body), 411, 417. */
    static final String BAD_REQUEST = "bad_request";
    /** 413, 414, 431: body, request line or headers over their limit. */
    static final String OVERSIZE = "oversize";
    /** 404: a path this endpoint does not serve. */
    static final String NOT_FOUND = "not_found";
    /** 405: a method not in {@code methods}. */
    static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /**
     * 408: the client stalled more than {@code read_timeout_ms} inside a request, or the request did not
     * arrive whole within {@code request_timeout_ms} of its first byte.
     */
    static final String READ_TIMEOUT = "read_timeout";
    /** No reply: the connection ended inside a request's body. */
    static final String TRUNCATED = "truncated";
    /** 503: {@code max_concurrent} requests already wait for their verdict. */
    static final String BUSY = "busy";
    /** 503: the flow behind the endpoint is paused. */
    static final String PAUSED = "paused";
    /** 504: no verdict within {@code response_timeout_ms}. */
    static final String RESPONSE_TIMEOUT = "response_timeout";
    /** A connection beyond {@code max_connections}, closed at once. */
    static final String TOO_MANY_CONNECTIONS = "too_many_connections";

    private Rejections() {
    }
}
