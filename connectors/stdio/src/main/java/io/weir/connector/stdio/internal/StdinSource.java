package io.weir.connector.stdio.internal;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.weir.api.connector.Connector;
import io.weir.api.connector.Source;
import io.weir.api.connector.SourceContext;
import io.weir.api.connector.SourceOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The stdio source: standard input as raw bytes on stream 0, positioned by byte offset. A
 * {@link StreamPump} thread does the blocking reads; {@link #pull} waits on it at most its timeout.
 */
@Component(service = Source.class, configurationPid = StdinSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Connector.TYPE + "=" + StdinSource.TYPE)
@Designate(ocd = StdinConfig.class, factory = true)
public final class StdinSource implements Source {
    static final String TYPE = "stdio";
    static final String PID = "weir.source." + TYPE;
    static final long STREAM = 0;
    /** Buffers the pump may hold: enough to read ahead while the flow works on a chunk. */
    static final int BUFFERS = 4;

    private final int bufferSize;
    private final Supplier<InputStream> input;
    private SourceContext context;
    private StreamPump pump;
    private boolean ended;

    @Activate
    public StdinSource(StdinConfig config) {
        this(config, () -> System.in);
    }

    StdinSource(StdinConfig config, Supplier<InputStream> input) {
        int size;
        try {
            size = config.buffer__size();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stdio source option buffer_size: not a whole number of bytes ("
                    + e.getMessage() + ")", e);
        }
        if (size < 1 || size > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("stdio source option buffer_size must be between 1 and 16777216, got "
                    + size);
        }
        this.bufferSize = size;
        this.input = input;
    }

    @Override
    public void open(SourceContext context) {
        this.context = context;
        this.ended = false;
        pump = new StreamPump(input.get(), bufferSize, BUFFERS, "weir-stdio-" + context.name());
        pump.start();
    }

    @Override
    public boolean pull(SourceOutput output, long timeoutMillis) throws Exception {
        if (ended) {
            return false;
        }
        StreamPump.Chunk chunk;
        try {
            chunk = pump.poll(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        // Hand over everything read so far, without waiting again.
        while (chunk != null) {
            if (chunk.error != null) {
                throw chunk.error;
            }
            if (chunk.isEnd()) {
                output.streamEnd(STREAM);
                ended = true;
                return false;
            }
            output.data(STREAM, chunk.offset, chunk.buffer, 0, chunk.length, Map.of());
            pump.recycle(chunk);
            chunk = pump.poll(0, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        StreamPump stopping = pump;
        pump = null;
        if (stopping == null) {
            return;
        }
        // Leave the manager a little of its close deadline for itself.
        long wait = Math.max(1, context.closeTimeoutMillis() * 3 / 4);
        if (!stopping.stop(wait)) {
            throw new IllegalStateException("stdio source " + context.name() + ": thread " + stopping.threadName()
                    + " is blocked reading standard input, which Java cannot interrupt; it ends when the next "
                    + "input or the end of input arrives, and discards that input");
        }
    }
}
