package io.weir.connector.udp.internal.server;

import java.net.InetSocketAddress;
import java.util.Map;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;

/** Opens a udp_server source for tests in other packages. */
public final class ServerFixture {
    private ServerFixture() {
    }

    public static UdpServerSource open(Map<String, ?> config) throws Exception {
        UdpServerSource source = new UdpServerSource(Configs.of(UdpServerConfig.class, config));
        source.open(new FakeSourceContext("udp"));
        return source;
    }

    public static InetSocketAddress address(UdpServerSource source) {
        return source.boundAddress();
    }
}
