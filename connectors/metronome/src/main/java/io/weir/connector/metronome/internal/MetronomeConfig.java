package io.weir.connector.metronome.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Options of a metronome source instance ({@code etc/weir.source.metronome-<instance>.cfg}).
 * A double underscore in a method name stands for one underscore in the option name.
 */
@ObjectClassDefinition(id = MetronomeSource.PID, name = "Weir metronome source",
        description = "Emits one structured event every interval on stream 0: {\"onramp\": \"metronome\", "
                + "\"ingest_ns\": <wall-clock time in nanoseconds since the epoch>, \"id\": <tick number>}. "
                + "The value is already structured, so no codec or preprocessor is needed. Tick numbers start "
                + "at 0 and carry on across a hot swap of the connector bundle. Acknowledgements are ignored: "
                + "a failed tick is not sent again.")
@interface MetronomeConfig {

    @AttributeDefinition(name = "Interval (ms)", min = "1",
            description = "Milliseconds between two ticks; at least 1. The first tick is emitted as soon as the "
                    + "flow runs. Ticks that fall due while the flow is paused are skipped, not sent in a burst "
                    + "afterwards.")
    long interval__ms() default 1000;
}
