package io.weir.connector.stdio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Options of the stdin source ({@code etc/weir.source.stdio-<instance>.cfg}). */
@ObjectClassDefinition(id = StdinSource.PID, name = "Weir stdio source (standard input)",
        description = "Reads the server's standard input as raw bytes on stream 0; configure a preprocessor "
                + "(for example separate) and a codec to turn them into events. At end of input the stream "
                + "ends (a last line without separator still becomes an event) and the source is done. "
                + "Standard input cannot be replayed: acknowledgements are ignored. Run the server without "
                + "an interactive shell on the console when this source is used, or both compete for input.")
@interface StdinConfig {

    @AttributeDefinition(name = "Read buffer (bytes)", min = "1", max = "16777216",
            description = "Largest chunk read from standard input at once. Four such buffers are the most "
                    + "this source holds; when the flow is paused it stops reading and the writer blocks.")
    int buffer__size() default 65536;
}
