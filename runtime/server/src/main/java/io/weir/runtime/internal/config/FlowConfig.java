package io.weir.runtime.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype description of a flow ({@code etc/weir.flow-<name>.cfg}). */
@ObjectClassDefinition(id = "weir.flow", name = "Weir flow",
        description = "Links sources, pipelines and sinks. One file per flow; the flow's name follows the dash.")
public @interface FlowConfig {

    /** @return the links */
    @AttributeDefinition(name = "Links", description = "Comma-separated links <from> -> <to>, chains allowed:"
            + " source/<name>[.out|.err], pipeline/<name>[.<port>], sink/<name>. On the left a port is an output"
            + " (default out); at the end of a link a pipeline port is an input (default in). Example:"
            + " source/ticks -> pipeline/main -> sink/console, pipeline/main.err -> sink/errors")
    String links();

    /** @return what the flow is for */
    @AttributeDefinition(name = "Description", description = "What the flow is for, shown by weir:flows",
            required = false)
    String description() default "";
}
