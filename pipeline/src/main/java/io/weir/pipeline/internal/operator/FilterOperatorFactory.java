package io.weir.pipeline.internal.operator;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorContext;
import io.weir.api.operator.OperatorFactory;

/** The {@code filter} operator: {@code expression} (required) keeps the events for which it is true. */
@Component(service = OperatorFactory.class, property = OperatorFactory.NAME + "=" + FilterOperatorFactory.TYPE)
public final class FilterOperatorFactory implements OperatorFactory {
    static final String TYPE = "filter";

    @Override
    public Operator create(OperatorContext context, Map<String, Object> options) {
        Options read = new Options(TYPE, context, options);
        FilterOperator operator = new FilterOperator(read.expression("expression", "event.level != \"debug\""));
        read.done();
        return operator;
    }
}
