package io.weir.connector.blackhole.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Options of a blackhole sink instance ({@code etc/weir.sink.blackhole-<instance>.cfg}).
 * A double underscore in a method name stands for one underscore in the option name.
 */
@ObjectClassDefinition(id = BlackholeSink.PID, name = "Weir blackhole sink",
        description = "Consumes events for benchmarks: counts them and the bytes of their encoded frames, and "
                + "records each event's end-to-end latency (from the moment its data entered the server to "
                + "the moment the blackhole took it) in an HDR histogram. Its report gives throughput (events/s "
                + "and MB/s, 1 MB = 1,000,000 bytes) and the latency distribution in HdrHistogram's percentile "
                + "format, in microseconds, with p50, p90, p99, p99.9, p99.99 and max. The report is printed "
                + "on standard output once: when stop_after_s has elapsed, or else when the sink closes. "
                + "Every event is acknowledged.")
@interface BlackholeConfig {

    @AttributeDefinition(name = "Warm-up (s)", min = "0",
            description = "Seconds, from the first event, during which events are acknowledged but not "
                    + "measured, so that start-up and JIT compilation do not skew the figures.")
    long warmup__s() default 0;

    @AttributeDefinition(name = "Stop after (s)", min = "0",
            description = "Seconds of measurement after the warm-up; then the report is made and later events "
                    + "are acknowledged without being measured. 0 measures until the sink closes.")
    long stop__after__s() default 0;

    @AttributeDefinition(name = "Report file",
            description = "Path of a file that receives the report as well (written to a temporary file beside "
                    + "it, then moved into place, so a reader never sees half a report); parent folders are "
                    + "created. Empty: standard output only.")
    String report__file() default "";

    @AttributeDefinition(name = "Significant digits", min = "1", max = "5",
            description = "Precision of the latency histogram: 2 keeps values to 1%, 3 to 0.1% at eight "
                    + "times the memory.")
    int significant__digits() default 2;
}
