package io.weir.connector.tcp.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/** How bytes come off one accepted connection: as they are, or decrypted. Non-blocking; I/O thread only. */
interface Transport {

    /**
     * Reads what is available now.
     *
     * @param into where the bytes go
     * @return the number of bytes read, 0 when nothing is available now, -1 at the end of the stream
     * @throws IOException when the connection broke or the peer spoke bad TLS
     */
    int read(ByteBuffer into) throws IOException;

    /**
     * @return whether a read would get on without new network data: bytes wait inside the transport, and not
     *         behind output the socket has not taken yet (a read cannot get past that)
     */
    boolean hasBuffered();

    /** @return whether the transport has bytes to send that the socket did not take yet (TLS handshake) */
    boolean wantsWrite();

    /** Sends what waits to be sent, as far as the socket takes it. */
    void flush() throws IOException;

    /** @return whether a handshake (TLS) is still under way: no bytes can come before it completed */
    default boolean handshaking() {
        return false;
    }

    /** @return metadata about the connection learnt from the transport (the TLS peer), possibly empty */
    Map<String, Object> meta();

    /** Closes the connection. */
    void close();
}
