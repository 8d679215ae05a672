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
 */
public record PipelineSetup(String name, PipelineBuilder builder, int batchSize, long tickIntervalMillis,
        long backoffMillis, long maxBackoffMillis, long closeTimeoutMillis) {
}
