package io.weir.example.internal.sequence;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The options of one sequence source instance: a factory configuration of PID
 * {@value SequenceSource#PID}, for example {@code etc/weir.source.sequence-ticks.cfg}.
 */
@ObjectClassDefinition(name = "Weir sequence source",
        description = "Emits {\"n\": <long>, \"at\": <epoch millis>} at a fixed rate; n goes on across hot swaps.")
public @interface SequenceConfig {

    /** @return values per second */
    @AttributeDefinition(description = "Values per second, above 0 and at most 1000000. Default 1.")
    double rate() default 1.0;

    /** @return how many values to emit in all, or 0 */
    @AttributeDefinition(description = "Emit n = 0 .. limit-1 and then end; 0 never ends. Default 0.")
    long limit() default 0;
}
