package io.weir.connector.tcp.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;

/** A connection without TLS: reads go straight to the socket. */
final class PlainTransport implements Transport {
    private final SocketChannel channel;

    PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    @Override
    public boolean hasBuffered() {
        return false;
    }

    @Override
    public boolean wantsWrite() {
        return false;
    }

    @Override
    public void flush() {
    }

    @Override
    public Map<String, Object> meta() {
        return Map.of();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // The connection is gone either way.
        }
    }
}
