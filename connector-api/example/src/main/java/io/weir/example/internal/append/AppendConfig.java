package io.weir.example.internal.append;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The options of one append sink instance: a factory configuration of PID {@value AppendSink#PID},
 * for example {@code etc/weir.sink.append-audit.cfg}.
 */
@ObjectClassDefinition(name = "Weir append sink",
        description = "Appends every encoded frame to one file. Pair it with a codec and, for one record per line, "
                + "the separate postprocessor.")
public @interface AppendConfig {

    /** @return the file */
    @AttributeDefinition(description = "The file to append to, created with its folders when missing. A relative "
            + "path is resolved against the server's working directory. Required.")
    String path();

    /** @return whether every flush forces the data to the device */
    @AttributeDefinition(description = "Force the data to the storage device on every flush: slower, but what "
            + "was acknowledged survives a power cut. Default false.")
    boolean fsync() default false;
}
