package io.weir.benchmarks.codec;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;

/**
 * Decode and encode of each built-in codec, one record per operation, cycling through the data set
 * (see {@link CodecData}). Throughput in records per second; multiply by the data set's average
 * size (printed at setup) for bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {
    @Param({"JSON_TCP", "JSON_TREMOR", "MSGPACK_TREMOR", "INFLUX_TREMOR", "CSV_TCP", "SYSLOG5424_TCP",
            "SYSLOG3164_TCP", "STRING_TCP", "BINARY_TCP"})
    public CodecData data;

    private byte[][] records;
    private Object[] values;
    private Decoder decoder;
    private Encoder encoder;
    private int next;

    @Setup
    public void setUp() throws CodecException {
        records = data.records();
        decoder = data.codec().decoder(Map.of());
        encoder = data.codec().encoder(Map.of());
        values = new Object[records.length];
        for (int i = 0; i < records.length; i++) {
            values[i] = decoder.decode(records[i], 0, records[i].length);
        }
        System.out.printf("%n%s: %d records, %.1f bytes on average%n", data, records.length, data.averageBytes());
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == records.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public Object decode() throws CodecException {
        byte[] record = records[nextIndex()];
        return decoder.decode(record, 0, record.length);
    }

    @Benchmark
    public byte[] encode() throws CodecException {
        return encoder.encode(values[nextIndex()]);
    }
}
