package io.weir.connector.stdio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Options of the stdio sink ({@code etc/weir.sink.stdio-<instance>.cfg}). */
@ObjectClassDefinition(id = StdioSink.PID, name = "Weir stdio sink (standard output or error)",
        description = "Writes the encoded frames of each event to the server's standard output or standard "
                + "error, one after the other, and flushes after every batch. Needs a codec (for example "
                + "json) and usually the separate postprocessor so that each event ends with a newline. "
                + "Events are acknowledged when the flush after their batch succeeded.")
@interface StdioSinkConfig {

    @AttributeDefinition(name = "Target", options = {
            @Option(value = "stdout", label = "standard output"),
            @Option(value = "stderr", label = "standard error")},
            description = "Where the frames go: stdout or stderr.")
    String target() default "stdout";
}
