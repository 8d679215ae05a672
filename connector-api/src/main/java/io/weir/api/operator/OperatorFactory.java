package io.weir.api.operator;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates operators of one type. Registered as a service carrying {@link #NAME}. Thread-safe.
 */
@ConsumerType
public interface OperatorFactory {
    /** Service property: the operator type pipelines use, for example {@code "filter"}. */
    String NAME = "weir.operator.name";

    /**
     * Creates one operator node of a pipeline.
     *
     * @param context what the runtime offers the node
     * @param options the node's options from the pipeline configuration
     * @return a new operator
     * @throws IllegalArgumentException when an option is invalid (a missing key, an expression that
     *                                  does not parse); the message names the option, and the
     *                                  pipeline configuration is rejected as a whole
     */
    Operator create(OperatorContext context, Map<String, Object> options);
}
