package io.weir.runtime.internal.manager;

/**
 * Everything a {@link PipelineRunner} needs to run one pipeline.
 *
 * @param name               the pipeline's name
 * @param builder            compiles the pipeline
 * @param batchSize          events per batch handed downstream
 * @param tickIntervalMillis how often time-based operators get a tick
 * @param backoffMillis      the first delay before rebuilding a failed pipeline
 * @param maxBackoffMillis   the longest such delay
 * @param closeTimeoutMillis how long handing on what it holds may take when it stops
 * @param limits             how long a call into the pipeline may take, and when it is quarantined
 */
public record PipelineSetup(String name, PipelineBuilder builder, int batchSize, long tickIntervalMillis,
        long backoffMillis, long maxBackoffMillis, long closeTimeoutMillis, FaultLimits limits) {

    /** A setup with the default call deadline and quarantine limits. */
    public PipelineSetup(String name, PipelineBuilder builder, int batchSize, long tickIntervalMillis,
            long backoffMillis, long maxBackoffMillis, long closeTimeoutMillis) {
        this(name, builder, batchSize, tickIntervalMillis, backoffMillis, maxBackoffMillis, closeTimeoutMillis,
                FaultLimits.DEFAULTS);
    }
}
