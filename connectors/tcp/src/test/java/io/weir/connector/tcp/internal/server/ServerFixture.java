package io.weir.connector.tcp.internal.server;

import java.net.InetSocketAddress;
import java.util.Map;

import io.weir.connector.testkit.Configs;
import io.weir.connector.testkit.FakeSourceContext;

/** Opens a tcp_server source for tests in other packages. */
public final class ServerFixture {
    private ServerFixture() {
    }

    public static TcpServerSource open(Map<String, ?> config) throws Exception {
        return open(config, new FakeSourceContext("tls"));
    }

    public static TcpServerSource open(Map<String, ?> config, FakeSourceContext context) throws Exception {
        TcpServerSource source = new TcpServerSource(Configs.of(TcpServerConfig.class, config));
        source.open(context);
        return source;
    }

    public static InetSocketAddress address(TcpServerSource source) {
        return source.boundAddress();
    }
}
