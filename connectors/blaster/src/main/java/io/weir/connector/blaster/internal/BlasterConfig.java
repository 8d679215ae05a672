package io.weir.connector.blaster.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Options of a blaster source instance ({@code etc/weir.source.blaster-<instance>.cfg}).
 * A double underscore in a method name stands for one underscore in the option name.
 */
@ObjectClassDefinition(id = BlasterSource.PID, name = "Weir blaster source",
        description = "Replays a file for load tests and benchmarks. The file (plain, gzip or xz; detected from "
                + "its first bytes, not its name) is read into memory once and split into records at each "
                + "separator. Every record is emitted as one raw chunk on stream 0 that includes its separator "
                + "(one is added to a last record that lacks it), so the separate preprocessor and a codec turn "
                + "each record into one event, and rate limiting counts records exactly. The replay runs for "
                + "the given iterations and/or duration, whichever ends first, then the stream ends and the "
                + "source is done. The position of a record is its emission number (0, 1, 2...); a record "
                + "that a sink fails is emitted again while the replay runs.")
@interface BlasterConfig {

    @AttributeDefinition(name = "Source file",
            description = "Path of the file to replay, absolute or relative to the server's working directory. "
                    + "Required.")
    String source() default "";

    @AttributeDefinition(name = "Separator",
            description = "Bytes that end a record, as UTF-8 text with the escapes \\n, \\r, \\t, \\0, \\\\ "
                    + "and \\xHH (one byte); for example \\r\\n. Must not be empty.")
    String separator() default "\\n";

    @AttributeDefinition(name = "Iterations", min = "0",
            description = "How many times the whole file is replayed; 0 means no limit (then set duration_s, "
                    + "or the replay never ends).")
    long iterations() default 1;

    @AttributeDefinition(name = "Duration (s)", min = "0",
            description = "Seconds after which the replay ends, counted from the first record, pauses included; "
                    + "0 means no limit.")
    long duration__s() default 0;

    @AttributeDefinition(name = "Rate (records/s)", min = "0",
            description = "Records emitted per second; 0 means as fast as the flow takes them. A source that "
                    + "falls more than 100 ms behind its schedule (a pause, a slow flow) restarts the schedule "
                    + "instead of catching up in a burst.")
    long rate() default 0;

    @AttributeDefinition(name = "Maximum size (MiB)", min = "1", max = "2047",
            description = "Largest file, after decompression, that the blaster loads into memory. A larger "
                    + "file is refused with an error naming this option.")
    int max__size__mb() default 256;
}
