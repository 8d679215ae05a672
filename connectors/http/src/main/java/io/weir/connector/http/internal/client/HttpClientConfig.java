package io.weir.connector.http.internal.client;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The options of one http_client sink: a factory configuration of PID {@value HttpClientSink#PID},
 * for example {@code etc/weir.sink.http_client-audit.cfg}. Request headers are the keys
 * {@code header.<Name>}, which metatype cannot list. (A double underscore in a method name is an
 * underscore in the key.)
 */
@ObjectClassDefinition(name = "Weir http_client sink",
        description = "Sends each event (or each flushed batch) as the body of an HTTP request; acknowledges on "
                + "2xx, retries connection errors, 5xx and 429 with exponential backoff, fails otherwise. Request "
                + "headers: one key per header, header.<Name> = value (e.g. header.Content-Type = application/json).")
public @interface HttpClientConfig {

    @AttributeDefinition(description = "Where to send: an http:// or https:// URL. Required.")
    String url();

    @AttributeDefinition(description = "Request method: POST, PUT or PATCH. Default POST.")
    String method() default HttpClientSettings.DEFAULT_METHOD;

    @AttributeDefinition(description = "Longest wait for a connection and, separately, for the response headers of "
            + "one attempt. Default 10000 ms.")
    long timeout__ms() default HttpClientSettings.DEFAULT_TIMEOUT_MS;

    @AttributeDefinition(description = "Most requests in flight (retries waiting included); when reached the "
            + "circuit breaker opens and the flows feeding this sink pause. Default 64.")
    int max__in__flight() default HttpClientSettings.DEFAULT_MAX_IN_FLIGHT;

    @AttributeDefinition(description = "Retries after a connection error, a timeout, a 5xx or a 429. Default 3.")
    int retries() default HttpClientSettings.DEFAULT_RETRIES;

    @AttributeDefinition(description = "Wait before the first retry; doubles for each further one. Default 100 ms.")
    long backoff__ms() default HttpClientSettings.DEFAULT_BACKOFF_MS;

    @AttributeDefinition(description = "Longest wait between two attempts, Retry-After included. Default 30000 ms.")
    long max__backoff__ms() default HttpClientSettings.DEFAULT_MAX_BACKOFF_MS;

    @AttributeDefinition(description = "false: one request per event. true: one request per flush, its body the "
            + "frames of every event of the batch one after the other. Default false.")
    boolean batch() default false;

    @AttributeDefinition(description = "HTTP version: 1.1, or 2 (ALPN over TLS; over plain http an h2c upgrade "
            + "that some servers refuse). Default 1.1.")
    String http__version() default HttpClientSettings.DEFAULT_HTTP_VERSION;
}
