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
 * The {@code fields} operator: {@code set.<path> = <expression>}, {@code rename.<path> = <path>},
 * {@code remove = <path>, <path>}; at least one of them.
 */
@Component(service = OperatorFactory.class, property = OperatorFactory.NAME + "=" + FieldsOperatorFactory.TYPE)
public final class FieldsOperatorFactory implements OperatorFactory {
    static final String TYPE = "fields";

    @Override
    public Operator create(OperatorContext context, Map<String, Object> options) {
        Options read = new Options(TYPE, context, options);
        List<FieldPath> removes = new ArrayList<>();
        for (String path : read.list("remove")) {
            removes.add(FieldPath.parse(read.key("remove"), path));
        }
        List<FieldPath> renameFrom = new ArrayList<>();
        List<FieldPath> renameTo = new ArrayList<>();
        // Every path a value is written to, with the key that writes it.
        List<FieldPath> targets = new ArrayList<>();
        List<String> targetKeys = new ArrayList<>();
        for (Map.Entry<String, String> rename : read.prefixed("rename").entrySet()) {
            String key = read.key("rename." + rename.getKey());
            if (rename.getValue().isEmpty()) {
                throw new IllegalArgumentException(key + ": empty; give the new name of " + rename.getKey());
            }
            renameFrom.add(FieldPath.parse(key, rename.getKey()));
            renameTo.add(FieldPath.parse(key, rename.getValue()));
            targets.add(renameTo.get(renameTo.size() - 1));
            targetKeys.add(key);
        }
        List<FieldPath> sets = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (Map.Entry<String, String> set : read.prefixed("set").entrySet()) {
            String key = read.key("set." + set.getKey());
            sets.add(FieldPath.parse(key, set.getKey()));
            targets.add(sets.get(sets.size() - 1));
            targetKeys.add(key);
            values.add(Expressions.compile(key, set.getValue()));
        }
        read.done();
        checkTargets(targets, targetKeys);
        if (removes.isEmpty() && renameFrom.isEmpty() && sets.isEmpty()) {
            throw new IllegalArgumentException("node." + read.node() + ": nothing to do; give set.<field>, "
                    + "rename.<field> or remove");
        }
        return new FieldsOperator(read.node(), removes.toArray(new FieldPath[0]),
                renameFrom.toArray(new FieldPath[0]), renameTo.toArray(new FieldPath[0]),
                sets.toArray(new FieldPath[0]), values.toArray(new Expression[0]));
    }

    /**
     * Refuses targets that contradict each other, which would fail every event they meet or let the
     * result depend on the order of the steps: two values for one field, or a value for a field and for a
     * field inside it.
     */
    private static void checkTargets(List<FieldPath> targets, List<String> keys) {
        for (int i = 0; i < targets.size(); i++) {
            for (int j = i + 1; j < targets.size(); j++) {
                FieldPath a = targets.get(i);
                FieldPath b = targets.get(j);
                if (a.covers(b) && b.covers(a)) {
                    throw new IllegalArgumentException(keys.get(i) + ": " + a + " is also written by " + keys.get(j)
                            + "; give each field one new value");
                }
                if (a.covers(b) || b.covers(a)) {
                    FieldPath outer = a.covers(b) ? a : b;
                    FieldPath inner = a.covers(b) ? b : a;
                    throw new IllegalArgumentException(keys.get(i) + ": " + a + " and " + b + " (" + keys.get(j)
                            + ") contradict: " + inner + " is inside " + outer
                            + "; write the field or fields inside it, not both");
                }
            }
        }
    }
}
