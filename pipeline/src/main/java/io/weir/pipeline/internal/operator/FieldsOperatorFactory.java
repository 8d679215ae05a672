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
        for (Map.Entry<String, String> rename : read.prefixed("rename").entrySet()) {
            String key = read.key("rename." + rename.getKey());
            if (rename.getValue().isEmpty()) {
                throw new IllegalArgumentException(key + ": empty; give the new name of " + rename.getKey());
            }
            renameFrom.add(FieldPath.parse(key, rename.getKey()));
            renameTo.add(FieldPath.parse(key, rename.getValue()));
        }
        List<FieldPath> sets = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (Map.Entry<String, String> set : read.prefixed("set").entrySet()) {
            String key = read.key("set." + set.getKey());
            sets.add(FieldPath.parse(key, set.getKey()));
            values.add(Expressions.compile(key, set.getValue()));
        }
        read.done();
        if (removes.isEmpty() && renameFrom.isEmpty() && sets.isEmpty()) {
            throw new IllegalArgumentException("node." + read.node() + ": nothing to do; give set.<field>, "
                    + "rename.<field> or remove");
        }
        return new FieldsOperator(read.node(), removes.toArray(new FieldPath[0]),
                renameFrom.toArray(new FieldPath[0]), renameTo.toArray(new FieldPath[0]),
                sets.toArray(new FieldPath[0]), values.toArray(new Expression[0]));
    }
}
