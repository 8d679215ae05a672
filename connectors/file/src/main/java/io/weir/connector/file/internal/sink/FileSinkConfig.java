package io.weir.connector.file.internal.sink;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Options of a file sink instance ({@code etc/weir.sink.file-<instance>.cfg}). A double underscore
 * in a method name stands for one underscore in the option name, a single one for a dot.
 */
@ObjectClassDefinition(id = FileSink.PID, name = "Weir file sink",
        description = "Appends the frames of each event (as encoded by the codec and postprocessors) to a file. "
                + "Events are acknowledged only once the batch holding them was written to the file (and forced "
                + "to the disk with fsync = true). Optional rotation by size and/or age.")
@interface FileSinkConfig {

    @AttributeDefinition(name = "Path", description = "The file to append to; created with its folders when "
            + "missing. Required.")
    String path();

    @AttributeDefinition(name = "fsync", description = "true: force every batch to the disk before it is "
            + "acknowledged, so a power loss loses nothing acknowledged. false: a batch is acknowledged once the "
            + "operating system has it, which survives a crash of the server but not of the machine.")
    boolean fsync() default false;

    @AttributeDefinition(name = "Rotate at size (bytes)", min = "0", description = "Rotate before an event "
            + "would take the file beyond this size. 0: no rotation by size.")
    long rotate_max__bytes() default 0;

    @AttributeDefinition(name = "Rotate after (s)", min = "0", description = "Rotate at the first write or "
            + "flush after the file has been open this long. 0: no rotation by time.")
    long rotate_interval__s() default 0;

    @AttributeDefinition(name = "Rotated files kept", min = "0", description = "How many rotated files "
            + "(<name>.<UTC timestamp>) are kept; older ones are deleted. 0: keep all.")
    int rotate_keep() default 10;

    @AttributeDefinition(name = "Buffer (bytes)", min = "0", description = "Frames are gathered in a buffer of "
            + "this size and written to the file when it is full and at every flush.")
    int buffer__bytes() default 65536;
}
