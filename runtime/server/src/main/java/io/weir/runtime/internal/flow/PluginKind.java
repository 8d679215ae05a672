package io.weir.runtime.internal.flow;

/** The plugin services other than connectors that flows use by name. */
public enum PluginKind {
    /** {@link io.weir.api.codec.Codec}, named by {@code weir.codec.name}. */
    CODEC("codec"),
    /** {@link io.weir.api.processor.PreprocessorFactory}, named by {@code weir.preprocessor.name}. */
    PREPROCESSOR("preprocessor"),
    /** {@link io.weir.api.processor.PostprocessorFactory}, named by {@code weir.postprocessor.name}. */
    POSTPROCESSOR("postprocessor"),
    /** {@link io.weir.api.operator.OperatorFactory}, named by {@code weir.operator.name}. */
    OPERATOR("operator type");

    private final String word;

    PluginKind(String word) {
        this.word = word;
    }

    /** @return how messages name it */
    public String word() {
        return word;
    }
}
