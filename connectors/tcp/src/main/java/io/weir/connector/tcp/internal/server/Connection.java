package io.weir.connector.tcp.internal.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** One accepted connection: its stream id, its transport and what it delivered so far. I/O thread only. */
final class Connection {
    final long stream;
    final Transport transport;
    private final String peerHost;
    private final int peerPort;
    private Map<String, Object> meta;
    /** Bytes delivered so far: the position handed with each chunk is this count after it. */
    long bytes;
    /**
     * When it was accepted, then when its TLS handshake completed, then when it last delivered bytes: on the
     * I/O loop's clock of time spent reading.
     */
    long lastActive;
    /** Its TLS handshake is under way (since {@link #lastActive}). */
    boolean handshaking;
    /** Its registration with the selector. */
    java.nio.channels.SelectionKey key;

    Connection(long stream, Transport transport, String peerHost, int peerPort) {
        this.stream = stream;
        this.transport = transport;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
    }

    /** @return the metadata of every chunk, built at the first one (after a TLS handshake named the peer) */
    Map<String, Object> meta() {
        if (meta == null) {
            Map<String, Object> m = new LinkedHashMap<>(4);
            m.put("peer_host", peerHost);
            m.put("peer_port", (long) peerPort);
            m.putAll(transport.meta());
            meta = java.util.Collections.unmodifiableMap(m);
        }
        return meta;
    }

    /** @return {@code host:port} of the client, for messages */
    String peer() {
        return peerHost + ":" + peerPort;
    }

    /** @return whether any chunk was handed on, so the stream must be ended */
    boolean started() {
        return meta != null;
    }
}
