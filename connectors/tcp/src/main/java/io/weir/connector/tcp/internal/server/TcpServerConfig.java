package io.weir.connector.tcp.internal.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Options of a tcp_server source instance ({@code etc/weir.source.tcp_server-<instance>.cfg}). A
 * double underscore in a method name stands for one underscore in the option name, a single one for
 * a dot.
 */
@ObjectClassDefinition(id = TcpServerSource.PID, name = "Weir TCP server source",
        description = "Listens for TCP (optionally TLS) connections. Each connection is one stream, ended when "
                + "the client closes it; chunks carry peer_host and peer_port (and tls_peer with a client "
                + "certificate). One I/O thread serves every connection. TCP cannot replay: acknowledgements "
                + "are not needed, and pausing stops reading so that TCP flow control pushes back on clients.")
@interface TcpServerConfig {

    @AttributeDefinition(name = "Host", description = "The address to listen on. The default listens on the "
            + "loopback interface only; 0.0.0.0 listens on every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535", description = "The port to listen on. "
            + "Required; 0 picks a free port (for tests).")
    int port() default -1;

    @AttributeDefinition(name = "Max connections", min = "1", description = "Connections open at once; "
            + "more wait in the listen backlog until one closes.")
    int max__connections() default 1024;

    @AttributeDefinition(name = "Listen backlog", min = "1", description = "Connections the kernel queues "
            + "before they are accepted.")
    int backlog() default 128;

    @AttributeDefinition(name = "Read size (bytes)", min = "512", description = "The largest chunk read "
            + "from a connection at once.")
    int buffer__bytes() default 65536;

    @AttributeDefinition(name = "Read buffers", min = "1", description = "Chunks that may wait between the "
            + "I/O thread and the flow; when all are taken, reading stops until the flow catches up. At most "
            + "buffers x buffer_bytes bytes wait.")
    int buffers() default 64;

    @AttributeDefinition(name = "Idle timeout (ms)", min = "0", description = "A connection that delivered no "
            + "bytes for this long is closed (its stream ends as if the client had closed it). Only time spent "
            + "reading counts: a paused source closes nothing as idle. 0 (the default) keeps quiet connections "
            + "open for ever; otherwise at least 100.")
    int idle__timeout__ms() default 0;

    @AttributeDefinition(name = "TLS", description = "Accept TLS connections only (tls.keystore required).")
    boolean tls_enabled() default false;

    @AttributeDefinition(name = "TLS handshake timeout (ms)", min = "100", description = "A TLS connection "
            + "whose handshake did not complete within this is closed and counted as a tls error, so that silent "
            + "clients cannot hold max_connections.")
    int tls_handshake__timeout__ms() default 10000;

    @AttributeDefinition(name = "TLS key store", description = "PKCS12 or JKS file with the server's key and "
            + "certificate.")
    String tls_keystore() default "";

    @AttributeDefinition(name = "TLS key store password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "Password of the key store and its key.")
    String tls_keystore__password() default "";

    @AttributeDefinition(name = "TLS key store password (private)", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "Password of the key store and its key, "
            + "kept out of the instance's service properties by the leading dot: prefer it to tls.keystore_password "
            + "(set only one of the two).")
    String _tls_keystore__password() default "";

    @AttributeDefinition(name = "TLS trust store", description = "PKCS12 or JKS file with the certificates "
            + "client certificates must chain to; empty: the JDK's default trust.")
    String tls_truststore() default "";

    @AttributeDefinition(name = "TLS trust store password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "Password of the trust store.")
    String tls_truststore__password() default "";

    @AttributeDefinition(name = "TLS trust store password (private)", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "Password of the trust store, "
            + "kept out of the instance's service properties by the leading dot: prefer it to tls.truststore_password "
            + "(set only one of the two).")
    String _tls_truststore__password() default "";

    @AttributeDefinition(name = "TLS client authentication", description = "none: no client certificate; "
            + "want: asked for, not required; need: required and verified.",
            options = {@Option(label = "none", value = "none"), @Option(label = "want", value = "want"),
                    @Option(label = "need", value = "need")})
    String tls_client__auth() default "none";
}
