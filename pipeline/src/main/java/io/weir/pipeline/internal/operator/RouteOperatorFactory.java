package io.weir.pipeline.internal.operator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.osgi.service.component.annotations.Component;

import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorContext;
import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.expr.Expressions;
import io.weir.pipeline.internal.graph.Names;

/**
 * The {@code route} operator: {@code route.<port> = <expression>} rules (at least one), tried in
 * the order {@code order} lists them (required with more than one rule), and {@code default}, the
 * port for events no rule matches (default {@code out}).
 */
@Component(service = OperatorFactory.class, property = OperatorFactory.NAME + "=" + RouteOperatorFactory.TYPE)
public final class RouteOperatorFactory implements OperatorFactory {
    static final String TYPE = "route";

    @Override
    public Operator create(OperatorContext context, Map<String, Object> options) {
        Options read = new Options(TYPE, context, options);
        SortedMap<String, String> rules = read.prefixed("route");
        if (rules.isEmpty()) {
            throw read.error("route.<port>", "missing; give at least one rule, for example "
                    + read.key("route.errors") + " = event.level == \"error\"");
        }
        List<String> order = read.list("order");
        if (order.isEmpty()) {
            if (rules.size() > 1) {
                throw read.error("order", "missing; with more than one rule, list the ports in the order "
                        + "their rules are tried, for example " + read.key("order") + " = "
                        + String.join(", ", rules.keySet()));
            }
            order = List.of(rules.firstKey());
        }
        if (!new HashSet<>(order).equals(rules.keySet()) || order.size() != rules.size()) {
            throw read.error("order", "lists " + String.join(", ", order) + " but the rules are route."
                    + String.join(", route.", rules.keySet()) + "; list each rule's port once");
        }
        List<Expression> expressions = new ArrayList<>();
        for (String port : order) {
            String key = read.key("route." + port);
            Names.checkPort(key, port);
            expressions.add(Expressions.compile(key, rules.get(port)));
        }
        String defaultPort = Names.checkPort(read.key("default"), read.text("default", Emitter.OUT));
        if (rules.containsKey(defaultPort)) {
            throw read.error("default", "'" + defaultPort + "' is also a rule's port; the default port takes "
                    + "the events no rule matches");
        }
        read.done();
        return new RouteOperator(order, expressions, defaultPort);
    }
}
