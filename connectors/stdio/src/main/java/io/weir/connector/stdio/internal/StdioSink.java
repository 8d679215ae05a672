package io.weir.connector.stdio.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The stdio sink: writes each event's frames to standard output or standard error through a
 * buffer that {@link #flush} empties once per batch, so a batch costs one write, not one per event.
 */
@Component(service = Sink.class, configurationPid = StdioSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + StdioSink.TYPE)
@Designate(ocd = StdioSinkConfig.class, factory = true)
public final class StdioSink implements Sink {
    static final String TYPE = "stdio";
    static final String PID = "weir.sink." + TYPE;
    private static final int BUFFER = 64 * 1024;

    private final String targetName;
    private final Supplier<PrintStream> target;
    private PrintStream stream;
    private BufferedOutputStream buffer;

    @Activate
    public StdioSink(StdioSinkConfig config) {
        this(config, () -> System.out, () -> System.err);
    }

    StdioSink(StdioSinkConfig config, Supplier<PrintStream> stdout, Supplier<PrintStream> stderr) {
        String name = config.target() == null ? "" : config.target().trim();
        switch (name) {
            case "stdout":
                target = stdout;
                break;
            case "stderr":
                target = stderr;
                break;
            default:
                throw new IllegalArgumentException("stdio sink option target must be stdout or stderr, got '"
                        + config.target() + "'");
        }
        this.targetName = name;
    }

    @Override
    public void open(SinkContext context) {
        // Looked up at open: the launcher may have replaced System.out since activation.
        stream = target.get();
        buffer = new BufferedOutputStream(stream, BUFFER);
    }

    @Override
    public void write(SinkEvent event) throws IOException {
        List<byte[]> frames = event.frames();
        if (frames.isEmpty()) {
            throw new IllegalStateException("stdio sink got an event without frames: configure a codec "
                    + "(codec = json) for this sink");
        }
        for (byte[] frame : frames) {
            buffer.write(frame);
        }
    }

    @Override
    public void flush() throws IOException {
        buffer.flush();
        // PrintStream swallows I/O errors; checkError reports them (a closed pipe, a full disk).
        if (stream.checkError()) {
            throw new IOException("stdio sink: writing to " + targetName + " failed");
        }
    }

    @Override
    public void close() throws IOException {
        if (buffer != null) {
            try {
                flush();
            } finally {
                // System.out and System.err stay open: they belong to the server.
                buffer = null;
                stream = null;
            }
        }
    }
}
