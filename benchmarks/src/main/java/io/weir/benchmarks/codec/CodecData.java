package io.weir.benchmarks.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.weir.api.codec.Codec;
import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.benchmarks.workload.TcpJsonEvent;
import io.weir.benchmarks.workload.TcpJsonGenerator;
import io.weir.benchmarks.workload.TremorData;
import io.weir.pipeline.internal.codec.BinaryCodec;
import io.weir.pipeline.internal.codec.CsvCodec;
import io.weir.pipeline.internal.codec.InfluxCodec;
import io.weir.pipeline.internal.codec.JsonCodec;
import io.weir.pipeline.internal.codec.MsgpackCodec;
import io.weir.pipeline.internal.codec.StringCodec;
import io.weir.pipeline.internal.codec.SyslogCodec;

/**
 * The records each codec benchmark works on: the built-in codec and realistic records for it, taken
 * from Tremor's benchmark data or made from the TCP JSON workload's events.
 */
public enum CodecData {
    /** The scenario-1 events (140 bytes on average). */
    JSON_TCP(JsonCodec::new, () -> tcpRecords(TcpJsonEvent::json)),
    /** Tremor's pass-through input (630 bytes on average, nested). */
    JSON_TREMOR(JsonCodec::new, TremorData::jsonLines),
    /** Tremor's events in msgpack. */
    MSGPACK_TREMOR(MsgpackCodec::new, TremorData::msgpackRecords),
    /** Tremor's InfluxDB line protocol sample. */
    INFLUX_TREMOR(InfluxCodec::new, TremorData::influxLines),
    /** The scenario-1 events as CSV rows {@code ts,host,level,msg,n}. */
    CSV_TCP(CsvCodec::new, () -> tcpRecords(e -> e.ts() + "," + e.host() + "," + e.level() + "," + e.msg() + "," + e.n())),
    /** The scenario-1 events as RFC 5424 syslog messages. */
    SYSLOG5424_TCP(SyslogCodec::new, () -> tcpRecords(CodecData::rfc5424)),
    /** The scenario-1 events as RFC 3164 (BSD) syslog messages. */
    SYSLOG3164_TCP(SyslogCodec::new, () -> tcpRecords(CodecData::rfc3164)),
    /** The scenario-1 lines as text. */
    STRING_TCP(StringCodec::new, () -> tcpRecords(TcpJsonEvent::json)),
    /** The scenario-1 lines as bytes. */
    BINARY_TCP(BinaryCodec::new, () -> tcpRecords(TcpJsonEvent::json));

    /** How many scenario-1 events the TCP data sets hold: more than fit in the branch predictor's memory. */
    public static final int TCP_RECORDS = 1000;

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Supplier<Codec> codec;
    private final Supplier<List<byte[]>> records;

    CodecData(Supplier<Codec> codec, Supplier<List<byte[]>> records) {
        this.codec = codec;
        this.records = records;
    }

    /** @return a new instance of the built-in codec */
    public Codec codec() {
        return codec.get();
    }

    /**
     * @return the records, each checked to decode: a benchmark of error handling would measure the
     *         wrong thing
     * @throws IllegalStateException when a record does not decode
     */
    public byte[][] records() {
        List<byte[]> all = records.get();
        Decoder decoder = codec().decoder(Map.of());
        for (byte[] record : all) {
            try {
                decoder.decode(record, 0, record.length);
            } catch (CodecException e) {
                throw new IllegalStateException(name() + ": record does not decode: " + e.getMessage() + ": "
                        + new String(record, StandardCharsets.UTF_8), e);
            }
        }
        return all.toArray(new byte[0][]);
    }

    /** @return the average record length in bytes */
    public double averageBytes() {
        byte[][] all = records();
        long sum = 0;
        for (byte[] record : all) {
            sum += record.length;
        }
        return (double) sum / all.length;
    }

    private static List<byte[]> tcpRecords(Function<TcpJsonEvent, String> format) {
        List<byte[]> records = new ArrayList<>(TCP_RECORDS);
        for (TcpJsonEvent event : TcpJsonGenerator.first(TCP_RECORDS)) {
            records.add(format.apply(event).getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    /** local0 and the level's syslog severity. */
    private static int priority(TcpJsonEvent event) {
        int severity;
        switch (event.level()) {
            case "error": severity = 3; break;
            case "warn": severity = 4; break;
            case "info": severity = 6; break;
            default: severity = 7;
        }
        return 16 * 8 + severity;
    }

    private static String rfc5424(TcpJsonEvent event) {
        return "<" + priority(event) + ">1 " + RFC3339.format(Instant.ofEpochMilli(event.ts())) + " " + event.host()
                + " weir-bench " + (1000 + event.n() % 100) + " log [meta n=\"" + event.n() + "\"] " + event.msg();
    }

    private static String rfc3164(TcpJsonEvent event) {
        return "<" + priority(event) + ">" + BSD.format(Instant.ofEpochMilli(event.ts())) + " " + event.host()
                + " weir-bench[" + (1000 + event.n() % 100) + "]: " + event.msg();
    }
}
