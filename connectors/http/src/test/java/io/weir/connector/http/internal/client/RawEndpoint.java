package io.weir.connector.http.internal.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A far side that writes raw bytes: after each request it sends {@code reply} as given, so a test
 * can promise a longer body than it sends and stall. Counts connections, requests and connections
 * the client closed.
 */
final class RawEndpoint implements AutoCloseable {
    private final ServerSocket server;
    private final byte[] reply;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();

    RawEndpoint(String reply) throws IOException {
        this.reply = reply.getBytes(StandardCharsets.ISO_8859_1);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-endpoint-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    int connections() {
        return sockets.size();
    }

    int requests() {
        return requests.get();
    }

    int closedByClient() {
        return closedByClient.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "raw-endpoint-conn");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            // Closed.
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    closedByClient.incrementAndGet();
                    return;
                }
                in.readNBytes(contentLength(head));
                requests.incrementAndGet();
                s.getOutputStream().write(reply);
                s.getOutputStream().flush();
            }
        } catch (IOException e) {
            // Reset by the client or closed by close().
        }
    }

    /** @return the request head, or null at end of stream */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                return h;
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
