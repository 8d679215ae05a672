package io.weir.runtime.internal.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The client side of the shell protocol, for tests: send bytes, read to the end, split output and status. */
final class ShellClient {

    /** What the server answered. */
    record Reply(String output, int status) {
    }

    private ShellClient() {
    }

    static Reply run(Path socket, String commandLine) throws IOException {
        return send(socket, (commandLine + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Reply send(Path socket, byte[] request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request));
            return readReply(channel);
        }
    }

    static Reply readReply(SocketChannel channel) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            received.write(buffer.array(), 0, buffer.limit());
            buffer.clear();
        }
        return parse(received.toByteArray());
    }

    static Reply parse(byte[] bytes) {
        int nul = -1;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            throw new AssertionError("no NUL separator in reply: " + new String(bytes, StandardCharsets.UTF_8));
        }
        String output = new String(bytes, 0, nul, StandardCharsets.UTF_8);
        String status = new String(bytes, nul + 1, bytes.length - nul - 1, StandardCharsets.US_ASCII);
        return new Reply(output, Integer.parseInt(status));
    }
}
