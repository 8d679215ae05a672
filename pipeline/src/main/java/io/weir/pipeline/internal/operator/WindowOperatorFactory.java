package io.weir.pipeline.internal.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorContext;
import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.expr.Expressions;

/**
 * The {@code window} operator: {@code group_by} (expression, default: one group), {@code count}
 * and/or {@code interval} (at least one), {@code aggregate.<name> = <expression>},
 * {@code functions} (default count, sum, min, max, mean), {@code precision} (percentile
 * significant digits, default 2) and {@code max_groups} (default 1000).
 */
@Component(service = OperatorFactory.class, property = OperatorFactory.NAME + "=" + WindowOperatorFactory.TYPE)
public final class WindowOperatorFactory implements OperatorFactory {
    static final String TYPE = "window";

    @Override
    public Operator create(OperatorContext context, Map<String, Object> options) {
        Options read = new Options(TYPE, context, options);
        String groupBySource = read.text("group_by");
        Expression groupBy = groupBySource == null ? null : Expressions.compile(read.key("group_by"), groupBySource);
        long count = read.number("count", 0, 1);
        long interval = read.duration("interval", 0);
        if (count == 0 && interval == 0) {
            throw new IllegalArgumentException("node." + read.node() + ": give count, interval or both, for example "
                    + read.key("interval") + " = 10s");
        }
        List<String> names = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (Map.Entry<String, String> aggregate : read.prefixed("aggregate").entrySet()) {
            String key = read.key("aggregate." + aggregate.getKey());
            if (aggregate.getKey().equals("group") || aggregate.getKey().equals("count")) {
                throw new IllegalArgumentException(key + ": '" + aggregate.getKey()
                        + "' is taken by the window's own result; choose another name");
            }
            names.add(aggregate.getKey());
            values.add(Expressions.compile(key, aggregate.getValue()));
        }
        Statistics statistics = Statistics.parse(read.list("functions"), read.key("functions"));
        long precision = read.number("precision", 2, 1);
        if (precision > 5) {
            throw read.error("precision", precision + " is too large; give 1 to 5 significant digits");
        }
        long maxGroups = read.number("max_groups", 1000, 1);
        if (maxGroups > 1_000_000) {
            throw read.error("max_groups", maxGroups + " is too large; the most is 1000000");
        }
        read.done();
        return new WindowOperator(groupBy, count, interval, names.toArray(new String[0]),
                values.toArray(new Expression[0]), statistics, (int) precision, (int) maxGroups, System::nanoTime);
    }
}
