package io.weir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.weir.launcher.internal.ExitCodes;
import io.weir.launcher.internal.ShellResponse;

/**
 * Runs one shell command in the running Weir and exits with the command's status.
 * <p>
 * Protocol (the contract with the shell server): connect to the Unix domain socket {@code <data>/weir.sock}, send
 * one command line terminated by {@code \n} in UTF-8, then read the command's output up to a NUL byte and the
 * decimal exit status after it up to EOF. Only the owner of the data folder can reach the socket.
 * <p>
 * {@code java -cp lib/launcher.jar io.weir.launcher.ShellClient [--data DIR | --socket FILE] command words...}
 * <br>Exit status: the command's, or 3 when Weir is not running, 2 for a bad command line, 1 when the connection
 * broke.
 */
public final class ShellClient {
    static final String USAGE = "usage: ShellClient [--data DIR | --socket FILE] <command>";

    private ShellClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, OutputStream out, PrintStream err) {
        Path socket = null;
        List<String> words = new ArrayList<>();
        int i = 0;
        for (; i < args.length; i++) {
            if (("--data".equals(args[i]) || "--socket".equals(args[i])) && i + 1 < args.length) {
                Path value = Path.of(args[i + 1]);
                socket = "--data".equals(args[i]) ? value.resolve("weir.sock") : value;
                i++;
            } else if ("--".equals(args[i])) {
                i++;
                break;
            } else {
                break;
            }
        }
        for (; i < args.length; i++) {
            words.add(args[i]);
        }
        if (socket == null) {
            socket = defaultSocket();
        }
        String command = String.join(" ", words).strip();
        if (command.isEmpty()) {
            err.println("weir: no command given; " + USAGE);
            return ExitCodes.USAGE;
        }
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0 || command.indexOf('\0') >= 0) {
            err.println("weir: a shell command must be a single line");
            return ExitCodes.USAGE;
        }
        return send(socket, command, out, err);
    }

    private static Path defaultSocket() {
        String data = System.getProperty("weir.data");
        if (data == null) {
            String home = System.getProperty("weir.home", ".");
            data = Path.of(home, "data").toString();
        }
        return Path.of(data, "weir.sock");
    }

    static int send(Path socket, String command, OutputStream out, PrintStream err) {
        if (!Files.exists(socket)) {
            return notRunning(socket, err);
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (ConnectException e) {
                return notRunning(socket, err);
            } catch (SocketException e) {
                // "No such file or directory" when the socket vanished between the check and the connect.
                if (!Files.exists(socket)) {
                    return notRunning(socket, err);
                }
                err.println("weir: cannot connect to " + socket + ": " + e.getMessage());
                return ExitCodes.FAILED;
            }
            ByteBuffer request = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            InputStream in = Channels.newInputStream(channel);
            return ShellResponse.copy(in, out);
        } catch (IOException e) {
            err.println("weir: shell command failed: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private static int notRunning(Path socket, PrintStream err) {
        err.println("Weir is not running (no shell socket at " + socket + ")");
        return ExitCodes.NOT_RUNNING;
    }
}
