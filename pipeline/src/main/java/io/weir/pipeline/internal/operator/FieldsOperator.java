package io.weir.pipeline.internal.operator;

import java.util.Map;
import java.util.Set;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.expr.EventScope;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.graph.PortAware;

/**
 * Changes the fields of map events. Every {@code set} expression sees the event as it arrived;
 * then the operator removes, renames, and sets, in that order.
 */
final class FieldsOperator implements Operator, PortAware {
    private final String node;
    private final FieldPath[] removes;
    private final FieldPath[] renameFrom;
    private final FieldPath[] renameTo;
    private final FieldPath[] sets;
    private final Expression[] values;
    /** Reused for the values computed from one event. */
    private final Object[] computed;
    private final EventScope scope = new EventScope();

    FieldsOperator(String node, FieldPath[] removes, FieldPath[] renameFrom, FieldPath[] renameTo, FieldPath[] sets,
            Expression[] values) {
        this.node = node;
        this.removes = removes;
        this.renameFrom = renameFrom;
        this.renameTo = renameTo;
        this.sets = sets;
        this.values = values;
        this.computed = new Object[values.length];
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Event event, Emitter out) {
        if (!(event.value() instanceof Map)) {
            throw new IllegalArgumentException("node." + node + ": the event is "
                    + (event.value() == null ? "null" : "a " + event.value().getClass().getSimpleName())
                    + ", not a map; fields changes map events only");
        }
        scope.bind(event);
        for (int i = 0; i < values.length; i++) {
            computed[i] = values[i].value(scope);
        }
        Map<String, Object> root = FieldPath.writable((Map<String, Object>) event.value());
        for (FieldPath remove : removes) {
            remove.remove(root);
        }
        for (int i = 0; i < renameFrom.length; i++) {
            Object value = renameFrom[i].remove(root);
            if (value != FieldPath.ABSENT) {
                renameTo[i].set(root, value);
            }
        }
        for (int i = 0; i < sets.length; i++) {
            sets[i].set(root, computed[i]);
            computed[i] = null;
        }
        event.value(root);
        out.emit(Emitter.OUT, event);
    }

    @Override
    public Set<String> outputPorts() {
        return Set.of(Emitter.OUT);
    }
}
