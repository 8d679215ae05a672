package io.weir.pipeline.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.internal.operator.BackpressureOperatorFactory;
import io.weir.pipeline.internal.operator.BatchOperatorFactory;
import io.weir.pipeline.internal.operator.FieldsOperatorFactory;
import io.weir.pipeline.internal.operator.FilterOperatorFactory;
import io.weir.pipeline.internal.operator.RoundRobinOperatorFactory;
import io.weir.pipeline.internal.operator.RouteOperatorFactory;
import io.weir.pipeline.internal.operator.WindowOperatorFactory;

/** The built-in operator types, as the runtime would find them through their services. */
public final class BuiltIns {
    private BuiltIns() {
    }

    public static Map<String, OperatorFactory> factories() {
        Map<String, OperatorFactory> types = new HashMap<>();
        types.put("filter", new FilterOperatorFactory());
        types.put("fields", new FieldsOperatorFactory());
        types.put("route", new RouteOperatorFactory());
        types.put("batch", new BatchOperatorFactory());
        types.put("window", new WindowOperatorFactory());
        types.put("backpressure", new BackpressureOperatorFactory());
        types.put("round_robin", new RoundRobinOperatorFactory());
        return types;
    }

    public static Function<String, OperatorFactory> types() {
        return factories()::get;
    }
}
