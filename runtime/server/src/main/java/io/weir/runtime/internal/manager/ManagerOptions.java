package io.weir.runtime.internal.manager;

import java.util.List;
import java.util.Map;

/**
 * The options a manager applies to one connector instance, read from the connector's configuration
 * (see docs/configuration.md for the keys and their defaults).
 *
 * @param codec                  the codec name, or {@code null} for none
 * @param codecOptions           options for the codec, without the {@code codec.} prefix
 * @param processors             the preprocessors of a source or the postprocessors of a sink, in order
 * @param batchSize              events per batch
 * @param batchTimeoutMillis     how long a source's batch may wait to fill
 * @param pullTimeoutMillis      the longest a source's pull may block
 * @param queueCapacity          events that may wait in front of a sink
 * @param deliveryTimeoutMillis  how long a sink may take to complete a deferred event
 * @param backoffMillis          the first delay before reopening a failed instance
 * @param maxBackoffMillis       the longest such delay
 * @param closeTimeoutMillis     how long closing may take
 * @param callTimeoutMillis      how long any other call into the instance may take before it is abandoned
 * @param quarantineFailures     failures within the window that quarantine the instance; 0 never
 * @param quarantineWindowMillis the window those failures are counted in
 * @param swapTimeoutMillis      how long a node waits for the new version of its plugin before it shows as
 *                               waiting
 * @param queueBytes             estimated bytes of events that may wait in front of a sink or pipeline
 */
public record ManagerOptions(String codec, Map<String, Object> codecOptions, List<ProcessorOption> processors,
        int batchSize, long batchTimeoutMillis, long pullTimeoutMillis, int queueCapacity, long deliveryTimeoutMillis,
        long backoffMillis, long maxBackoffMillis, long closeTimeoutMillis, long callTimeoutMillis,
        int quarantineFailures, long quarantineWindowMillis, long swapTimeoutMillis, long queueBytes) {

    /**
     * The default byte bound of a queue, 256 KiB: about 480 of scenario 1's 140-byte JSON events (0.55 KB each as
     * estimated) or 150 of Tremor's 630-byte ones (1.7 KB), so that 100 busy flows hold about 25 MB in their queues
     * rather than a 1 GB heap's worth. Measured against 1 MiB (docs/benchmarks.md): 100 flows 1.7 times faster with
     * a quarter of the p99, one flow as fast with lower latency; less waiting in queues is less for every young
     * collection to copy.
     */
    public static final long DEFAULT_QUEUE_BYTES = 256L << 10;

    /** The defaults, as documented. */
    public static final ManagerOptions DEFAULTS = new ManagerOptions(null, Map.of(), List.of(), 64, 5, 100, 1024,
            30_000, 100, 30_000, 5_000, FaultLimits.DEFAULTS.callTimeoutMillis(),
            FaultLimits.DEFAULTS.quarantineFailures(), FaultLimits.DEFAULTS.quarantineWindowMillis(), 30_000,
            DEFAULT_QUEUE_BYTES);

    /** Copies the collections so that a record compares by value. */
    public ManagerOptions {
        codecOptions = Map.copyOf(codecOptions);
        processors = List.copyOf(processors);
    }

    /** The options with the default byte bound of queues. */
    public ManagerOptions(String codec, Map<String, Object> codecOptions, List<ProcessorOption> processors,
            int batchSize, long batchTimeoutMillis, long pullTimeoutMillis, int queueCapacity,
            long deliveryTimeoutMillis, long backoffMillis, long maxBackoffMillis, long closeTimeoutMillis,
            long callTimeoutMillis, int quarantineFailures, long quarantineWindowMillis, long swapTimeoutMillis) {
        this(codec, codecOptions, processors, batchSize, batchTimeoutMillis, pullTimeoutMillis, queueCapacity,
                deliveryTimeoutMillis, backoffMillis, maxBackoffMillis, closeTimeoutMillis, callTimeoutMillis,
                quarantineFailures, quarantineWindowMillis, swapTimeoutMillis, DEFAULT_QUEUE_BYTES);
    }

    /** The options without the fault and swap limits, which take their defaults. */
    public ManagerOptions(String codec, Map<String, Object> codecOptions, List<ProcessorOption> processors,
            int batchSize, long batchTimeoutMillis, long pullTimeoutMillis, int queueCapacity,
            long deliveryTimeoutMillis, long backoffMillis, long maxBackoffMillis, long closeTimeoutMillis) {
        this(codec, codecOptions, processors, batchSize, batchTimeoutMillis, pullTimeoutMillis, queueCapacity,
                deliveryTimeoutMillis, backoffMillis, maxBackoffMillis, closeTimeoutMillis,
                DEFAULTS.callTimeoutMillis, DEFAULTS.quarantineFailures, DEFAULTS.quarantineWindowMillis,
                DEFAULTS.swapTimeoutMillis, DEFAULTS.queueBytes);
    }

    /** @return the call deadline and quarantine limits */
    public FaultLimits faultLimits() {
        return new FaultLimits(callTimeoutMillis, quarantineFailures, quarantineWindowMillis);
    }

    /**
     * @param limits call deadline and quarantine limits
     * @return these options with those limits
     */
    public ManagerOptions withFaultLimits(FaultLimits limits) {
        return new ManagerOptions(codec, codecOptions, processors, batchSize, batchTimeoutMillis, pullTimeoutMillis,
                queueCapacity, deliveryTimeoutMillis, backoffMillis, maxBackoffMillis, closeTimeoutMillis,
                limits.callTimeoutMillis(), limits.quarantineFailures(), limits.quarantineWindowMillis(),
                swapTimeoutMillis, queueBytes);
    }

    /**
     * One pre- or postprocessor of a chain.
     *
     * @param name    the processor name
     * @param options its options, without the {@code preprocessor.<name>.} prefix
     */
    public record ProcessorOption(String name, Map<String, Object> options) {
        /** Copies the options. */
        public ProcessorOption {
            options = Map.copyOf(options);
        }
    }
}
