package io.weir.runtime.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype description of a pipeline ({@code etc/weir.pipeline-<name>.cfg}). The nodes are declared
 * with {@code node.<name>.type} and their options with {@code node.<name>.<option>} (see
 * docs/pipelines.md); metatype cannot list such keys, so only the fixed ones are described here.
 */
@ObjectClassDefinition(id = "weir.pipeline", name = "Weir pipeline",
        description = "A graph of operators. Declare nodes with node.<name>.type = <operator type> and their options"
                + " with node.<name>.<option>; see docs/pipelines.md.")
public @interface PipelineConfig {

    /** @return the links */
    @AttributeDefinition(name = "Links", description = "Comma-separated chains such as in -> filter -> out,"
            + " filter.err -> err. Names that are not nodes are the pipeline's inputs (left) and outputs (right).")
    String links();

    /** @return inbox capacity */
    @AttributeDefinition(name = "Queue capacity", description = "Events that may wait in front of the pipeline"
            + " before its sources are held back (1 to 10000000)", min = "1", max = "10000000")
    int queue_capacity() default 1024;

    /** @return batch size */
    @AttributeDefinition(name = "Batch size", description = "Events per batch the pipeline hands downstream",
            min = "1", max = "1000000")
    int batch_size() default 64;

    /** @return tick interval */
    @AttributeDefinition(name = "Tick interval (ms)", description = "How often time-based operators (batch"
            + " timeouts, windows) get a tick", min = "1", max = "1000")
    int tick_interval__ms() default 10;
}
