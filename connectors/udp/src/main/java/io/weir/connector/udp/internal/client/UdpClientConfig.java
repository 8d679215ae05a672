package io.weir.connector.udp.internal.client;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Options of a udp_client sink instance ({@code etc/weir.sink.udp_client-<instance>.cfg}). A double
 * underscore in a method name stands for one underscore in the option name.
 */
@ObjectClassDefinition(id = UdpClientSink.PID, name = "Weir UDP client sink",
        description = "Sends one datagram per frame of each event. An event is acknowledged once its datagrams "
                + "were handed to the operating system: UDP does not tell whether they arrived. An event with a "
                + "frame longer than max_datagram is failed with the reason and nothing of it is sent.")
@interface UdpClientConfig {

    @AttributeDefinition(name = "Host", description = "The receiver's name or address.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "1", max = "65535", description = "The receiver's port. Required.")
    int port() default -1;

    @AttributeDefinition(name = "Max datagram (bytes)", min = "1", max = "65507", description = "The longest "
            + "frame sent as a datagram; an event with a longer frame is failed. Keep it under the path MTU "
            + "(about 1472 on Ethernet) to avoid IP fragmentation.")
    int max__datagram() default 65507;

    @AttributeDefinition(name = "Send buffer (bytes)", min = "0", description = "The socket's send buffer "
            + "(SO_SNDBUF). 0: the system default.")
    int send__buffer__bytes() default 0;
}
