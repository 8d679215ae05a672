package io.weir.api.processor;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates preprocessors. Registered as a service carrying {@link #NAME}. Thread-safe.
 */
@ConsumerType
public interface PreprocessorFactory {
    /** Service property: the name configurations use, for example {@code "separate"}. */
    String NAME = "weir.preprocessor.name";

    /**
     * Creates the preprocessor for one stream.
     *
     * @param options this preprocessor's options from the connector's configuration; empty when
     *                none are set
     * @return a new processor
     * @throws IllegalArgumentException when an option is invalid; the message names the option
     */
    Processor create(Map<String, Object> options);
}
