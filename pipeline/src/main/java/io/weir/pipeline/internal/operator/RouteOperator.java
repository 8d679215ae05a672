package io.weir.pipeline.internal.operator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.expr.EventScope;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.graph.PortAware;

/**
 * Sends each event to the port of the first rule whose expression is true, or to the default port.
 * First match only: an event goes to exactly one place, so its acknowledgement stays one-to-one.
 */
final class RouteOperator implements Operator, PortAware {
    private final String[] ports;
    private final Expression[] rules;
    private final String defaultPort;
    private final EventScope scope = new EventScope();

    RouteOperator(List<String> ports, List<Expression> rules, String defaultPort) {
        this.ports = ports.toArray(new String[0]);
        this.rules = rules.toArray(new Expression[0]);
        this.defaultPort = defaultPort;
    }

    @Override
    public void process(Event event, Emitter out) {
        scope.bind(event);
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].test(scope)) {
                out.emit(ports[i], event);
                return;
            }
        }
        out.emit(defaultPort, event);
    }

    @Override
    public Set<String> outputPorts() {
        Set<String> all = new LinkedHashSet<>(List.of(ports));
        all.add(defaultPort);
        return all;
    }
}
