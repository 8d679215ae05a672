package io.weir.pipeline.internal.operator;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;

import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorContext;
import io.weir.api.operator.OperatorFactory;

/**
 * The {@code batch} operator: {@code count} (events per batch, default 100) and {@code timeout}
 * (the longest the first event of a batch waits, default 1s).
 */
@Component(service = OperatorFactory.class, property = OperatorFactory.NAME + "=" + BatchOperatorFactory.TYPE)
public final class BatchOperatorFactory implements OperatorFactory {
    static final String TYPE = "batch";

    @Override
    public Operator create(OperatorContext context, Map<String, Object> options) {
        Options read = new Options(TYPE, context, options);
        long count = read.number("count", 100, 1);
        if (count > 1_000_000) {
            throw read.error("count", count + " is too large; the most is 1000000");
        }
        long timeout = read.duration("timeout", TimeUnit.SECONDS.toNanos(1));
        read.done();
        return new BatchOperator((int) count, timeout, System::nanoTime);
    }
}
