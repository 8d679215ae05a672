package io.weir.connector.file.internal.sink;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Sink;
import io.weir.api.connector.SinkContext;
import io.weir.api.connector.SinkEvent;
import io.weir.connector.support.internal.config.ConfigReader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The file sink: appends each event's frames to a file. The manager acknowledges a batch when
 * {@link #flush} returns, and flush returns only once the batch is in the file (and on the disk with
 * {@code fsync}), so nothing acknowledged is still in a buffer of ours. It owns no thread.
 */
@Component(service = Sink.class, configurationPid = FileSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + FileSink.TYPE)
@Designate(ocd = FileSinkConfig.class, factory = true)
public final class FileSink implements Sink {
    static final String TYPE = "file";
    static final String PID = "weir.sink." + TYPE;

    private final Path path;
    private final boolean fsync;
    private final long maxBytes;
    private final long intervalMillis;
    private final int keep;
    private final int bufferBytes;
    private String name = TYPE;
    private RotatingFile file;

    @Activate
    public FileSink(FileSinkConfig config) {
        ConfigReader options = new ConfigReader("file sink");
        this.path = Path.of(options.required("path", config::path)).toAbsolutePath().normalize();
        this.fsync = options.read("fsync", config::fsync);
        this.maxBytes = options.range("rotate.max_bytes", config::rotate_max__bytes, 0, Long.MAX_VALUE);
        this.intervalMillis = TimeUnit.SECONDS.toMillis(
                options.range("rotate.interval_s", config::rotate_interval__s, 0, TimeUnit.DAYS.toSeconds(3650)));
        this.keep = (int) options.range("rotate.keep", config::rotate_keep, 0, Integer.MAX_VALUE);
        this.bufferBytes = (int) options.range("buffer_bytes", config::buffer__bytes, 0, 64 << 20);
    }

    @Override
    public void open(SinkContext context) throws Exception {
        name = context.name();
        RotatingFile opened = new RotatingFile(path, maxBytes, intervalMillis, keep, fsync, bufferBytes,
                System::currentTimeMillis);
        opened.open();
        file = opened;
    }

    @Override
    public void write(SinkEvent event) throws Exception {
        List<byte[]> frames = event.frames();
        if (frames.isEmpty()) {
            // Only this event is wrong, not the file: fail it alone instead of opening the breaker.
            event.defer().fail("file sink " + name + ": the event has no frames; configure a codec for this sink");
            return;
        }
        file.append(frames);
    }

    @Override
    public void flush() throws Exception {
        file.flush();
    }

    @Override
    public void close() throws Exception {
        RotatingFile closing = file;
        file = null;
        if (closing != null) {
            closing.close();
        }
    }
}
