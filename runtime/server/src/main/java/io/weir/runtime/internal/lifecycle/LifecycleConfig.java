package io.weir.runtime.internal.lifecycle;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Options of the unload checks, PID {@code weir.lifecycle} (for example {@code etc/weir.lifecycle.cfg}). */
@ObjectClassDefinition(name = "Weir plugin unload checks",
        description = "How long a removed or replaced plugin gets to end its threads and have its class loader"
                + " garbage-collected before weir:leaks reports what it left behind")
public @interface LifecycleConfig {

    /** The PID. */
    String PID = "weir.lifecycle";

    @AttributeDefinition(name = "thread_grace_ms", description = "Milliseconds a removed plugin's threads get to"
            + " end after its revision went away")
    long thread__grace__ms() default 5000;

    @AttributeDefinition(name = "unload_deadline_ms", description = "Milliseconds the class loader gets to be"
            + " garbage-collected once the threads ended (or their grace period ran out); the runtime requests a few"
            + " collections meanwhile")
    long unload__deadline__ms() default 10000;

    @AttributeDefinition(name = "history", description = "How many removed plugin revisions weir:leaks remembers")
    int history() default 100;
}
