package io.weir.runtime.internal.testing;

import java.util.List;
import java.util.Map;

import io.weir.runtime.internal.manager.ManagerOptions;

/** Manager options for tests: short timeouts and backoff so that tests run fast. */
public final class Options {
    private Options() {
    }

    public static ManagerOptions fast() {
        return new ManagerOptions(null, Map.of(), List.of(), 16, 1, 20, 64, 2_000, 10, 200, 1_000);
    }

    public static ManagerOptions withCodec(String codec, List<ManagerOptions.ProcessorOption> processors) {
        ManagerOptions f = fast();
        return new ManagerOptions(codec, Map.of(), processors, f.batchSize(), f.batchTimeoutMillis(),
                f.pullTimeoutMillis(), f.queueCapacity(), f.deliveryTimeoutMillis(), f.backoffMillis(),
                f.maxBackoffMillis(), f.closeTimeoutMillis());
    }

    public static ManagerOptions with(ManagerOptions base, int batchSize, int queueCapacity, long deliveryTimeoutMillis,
            long backoffMillis, long maxBackoffMillis) {
        return new ManagerOptions(base.codec(), base.codecOptions(), base.processors(), batchSize,
                base.batchTimeoutMillis(), base.pullTimeoutMillis(), queueCapacity, deliveryTimeoutMillis,
                backoffMillis, maxBackoffMillis, base.closeTimeoutMillis());
    }
}
