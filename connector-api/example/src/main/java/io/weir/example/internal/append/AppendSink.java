package io.weir.example.internal.append;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;
import io.weir.example.internal.config.ConfigReader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Appends the encoded frames of every event to a file, as they are: the codec and postprocessors of
 * the sink's configuration decide the bytes (for example {@code codec = json} and
 * {@code postprocessors = separate} for JSON lines). Events are acknowledged once a flush wrote them
 * (and forced them to the device with {@code fsync = true}).
 *
 * <p>One instance per factory configuration of PID {@value #PID}. Everything runs on the manager's
 * thread; the sink has no threads of its own.
 */
@Component(service = Sink.class, configurationPid = AppendSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = Connector.TYPE + "=" + AppendSink.TYPE)
@Designate(ocd = AppendConfig.class, factory = true)
public final class AppendSink implements Sink {
    /** The connector type, the value of {@value Connector#TYPE}. */
    public static final String TYPE = "append";
    /** The factory PID of its configurations. */
    public static final String PID = "weir.sink." + TYPE;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final boolean fsync;
    private String name = TYPE;
    private FileChannel channel;
    private OutputStream out;

    /**
     * Called by DS with the instance's configuration.
     *
     * @param config     the options
     * @param properties the whole configuration, for the file name in messages
     * @throws IllegalArgumentException naming the file and key of a bad option; DS logs it and
     *                                  leaves the instance inactive
     */
    @Activate
    public AppendSink(AppendConfig config, Map<String, Object> properties) {
        this(settings(config, new ConfigReader(properties)));
    }

    AppendSink(AppendSettings settings) {
        this.path = settings.path();
        this.fsync = settings.fsync();
    }

    private static AppendSettings settings(AppendConfig config, ConfigReader reader) {
        return AppendSettings.of(reader.read("path", config::path), reader.read("fsync", config::fsync),
                reader.origin());
    }

    @Override
    public void open(SinkContext context) throws IOException {
        name = context.name();
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IOException("sink '" + name + "': cannot open " + path.toAbsolutePath() + " for appending: " + e,
                    e);
        }
        out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    }

    @Override
    public void write(SinkEvent event) throws IOException {
        List<byte[]> frames = event.frames();
        if (frames.isEmpty()) {
            throw new IllegalStateException("sink '" + name + "' writes encoded frames, and this event has none: set "
                    + "a codec in its configuration (for example codec = json)");
        }
        for (byte[] frame : frames) {
            out.write(frame);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (fsync) {
            channel.force(false);
        }
    }

    /**
     * Closes the file without writing what is still buffered: those events were not flushed, so the
     * manager fails them and they come again.
     */
    @Override
    public void close() throws IOException {
        FileChannel closing = channel;
        channel = null;
        out = null;
        if (closing != null) {
            closing.close();
        }
    }
}
