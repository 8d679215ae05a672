package io.weir.pipeline.internal.operator;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorContext;
import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.internal.graph.Names;

/** The {@code round_robin} operator: {@code outputs} (required), the ports to take turns on. */
@Component(service = OperatorFactory.class,
        property = OperatorFactory.NAME + "=" + RoundRobinOperatorFactory.TYPE)
public final class RoundRobinOperatorFactory implements OperatorFactory {
    static final String TYPE = "round_robin";

    @Override
    public Operator create(OperatorContext context, Map<String, Object> options) {
        Options read = new Options(TYPE, context, options);
        List<String> outputs = read.requiredList("outputs", "a, b");
        for (String output : outputs) {
            Names.checkPort(read.key("outputs"), output);
            if (output.equals(Names.ERR)) {
                throw read.error("outputs", "err is every node's error port; name the outputs differently");
            }
        }
        if (new HashSet<>(outputs).size() != outputs.size()) {
            throw read.error("outputs", "names a port twice: " + String.join(", ", outputs));
        }
        read.done();
        return new RoundRobinOperator(context, outputs);
    }
}
