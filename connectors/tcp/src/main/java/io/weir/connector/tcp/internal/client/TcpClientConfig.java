package io.weir.connector.tcp.internal.client;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Options of a tcp_client sink instance ({@code etc/weir.sink.tcp_client-<instance>.cfg}). A double
 * underscore in a method name stands for one underscore in the option name, a single one for a dot.
 */
@ObjectClassDefinition(id = TcpClientSink.PID, name = "Weir TCP client sink",
        description = "Connects to a TCP (optionally TLS) server and writes the frames of each event. A batch is "
                + "acknowledged once it was handed to the operating system (flush). When the connection cannot be "
                + "made or breaks, the batch is failed, the circuit breaker opens (the sources feeding it pause) "
                + "and the runtime reconnects with backoff.")
@interface TcpClientConfig {

    @AttributeDefinition(name = "Host", description = "The server's name or address.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "1", max = "65535", description = "The server's port. Required.")
    int port() default -1;

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1", description = "How long a connection "
            + "attempt (and the TLS handshake) may take.")
    int connect__timeout__ms() default 5000;

    @AttributeDefinition(name = "Write timeout (ms)", min = "100", description = "How long a write may wait "
            + "without the server taking 64 KiB of it (the server not reading) before the connection is closed and the "
            + "batch failed; keep it well below the manager's call.timeout_ms.")
    int write__timeout__ms() default 10000;

    @AttributeDefinition(name = "Buffer (bytes)", min = "1", description = "Frames are gathered in a buffer of "
            + "this size and sent when it is full and at every flush.")
    int buffer__bytes() default 65536;

    @AttributeDefinition(name = "TCP_NODELAY", description = "Send small writes at once instead of gathering "
            + "them (Nagle's algorithm off).")
    boolean tcp__nodelay() default true;

    @AttributeDefinition(name = "TLS", description = "Speak TLS to the server.")
    boolean tls_enabled() default false;

    @AttributeDefinition(name = "TLS trust store", description = "PKCS12 or JKS file with the certificates the "
            + "server's certificate must chain to; empty: the JDK's default trust.")
    String tls_truststore() default "";

    @AttributeDefinition(name = "TLS trust store password", type = AttributeType.PASSWORD,
            description = "Password of the trust store.")
    String tls_truststore__password() default "";

    @AttributeDefinition(name = "TLS trust store password (private)", type = AttributeType.PASSWORD,
            description = "Password of the trust store, "
            + "kept out of the instance's service properties by the leading dot: prefer it to tls.truststore_password "
            + "(set only one of the two).")
    String _tls_truststore__password() default "";

    @AttributeDefinition(name = "TLS key store", description = "PKCS12 or JKS file with a client certificate "
            + "and key, for servers that require one; empty: none.")
    String tls_keystore() default "";

    @AttributeDefinition(name = "TLS key store password", type = AttributeType.PASSWORD,
            description = "Password of the key store and its key.")
    String tls_keystore__password() default "";

    @AttributeDefinition(name = "TLS key store password (private)", type = AttributeType.PASSWORD,
            description = "Password of the key store and its key, "
            + "kept out of the instance's service properties by the leading dot: prefer it to tls.keystore_password "
            + "(set only one of the two).")
    String _tls_keystore__password() default "";

    @AttributeDefinition(name = "Verify host name", description = "Check that the server's certificate names "
            + "the host connected to.")
    boolean tls_verify__hostname() default true;
}
