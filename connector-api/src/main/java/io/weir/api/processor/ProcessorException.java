package io.weir.api.processor;

/** Input a {@link Processor} could not process. The message says why. */
public class ProcessorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, for an operator reading the {@code err} port */
    public ProcessorException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause   the underlying error
     */
    public ProcessorException(String message, Throwable cause) {
        super(message, cause);
    }
}
