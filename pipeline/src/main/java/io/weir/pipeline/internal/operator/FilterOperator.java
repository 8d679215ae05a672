package io.weir.pipeline.internal.operator;

import java.util.Set;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.expr.EventScope;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.graph.PortAware;

/** Keeps the events for which an expression is true; drops (acknowledges) the others. */
final class FilterOperator implements Operator, PortAware {
    private final Expression condition;
    private final EventScope scope = new EventScope();

    FilterOperator(Expression condition) {
        this.condition = condition;
    }

    @Override
    public void process(Event event, Emitter out) {
        if (condition.test(scope.bind(event))) {
            out.emit(Emitter.OUT, event);
        } else {
            out.complete(event, true);
        }
    }

    @Override
    public Set<String> outputPorts() {
        return Set.of(Emitter.OUT);
    }
}
