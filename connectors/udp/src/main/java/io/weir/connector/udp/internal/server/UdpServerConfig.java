package io.weir.connector.udp.internal.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Options of a udp_server source instance ({@code etc/weir.source.udp_server-<instance>.cfg}). A
 * double underscore in a method name stands for one underscore in the option name.
 */
@ObjectClassDefinition(id = UdpServerSource.PID, name = "Weir UDP server source",
        description = "Receives UDP datagrams; each datagram is one chunk carrying peer_host and peer_port. A "
                + "datagram longer than max_datagram is dropped and counted (logged at the first and every "
                + "1000th). UDP cannot push back: while the flow is paused, datagrams beyond the socket's receive "
                + "buffer are dropped by the operating system.")
@interface UdpServerConfig {

    @AttributeDefinition(name = "Host", description = "The address to listen on. The default listens on the "
            + "loopback interface only; 0.0.0.0 listens on every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535", description = "The port to listen on. "
            + "Required; 0 picks a free port (for tests).")
    int port() default -1;

    @AttributeDefinition(name = "Max datagram (bytes)", min = "1", max = "65507", description = "The longest "
            + "datagram accepted; longer ones are dropped and counted.")
    int max__datagram() default 65507;

    @AttributeDefinition(name = "Receive buffer (bytes)", min = "0", description = "The socket's receive "
            + "buffer (SO_RCVBUF): how much the kernel holds while the flow is busy or paused. 0: the system "
            + "default. The kernel may cap it (net.core.rmem_max).")
    int receive__buffer__bytes() default 0;

    @AttributeDefinition(name = "Streams", description = "single: every datagram on stream 0, so each "
            + "datagram must hold whole records (or use no splitting preprocessor: each datagram is then one "
            + "record). datagram: each datagram is its own stream, ended right after it, so a splitter never "
            + "joins two datagrams; costs a stream start and end per datagram.",
            options = {@Option(label = "single", value = "single"), @Option(label = "datagram", value = "datagram")})
    String streams() default "single";
}
