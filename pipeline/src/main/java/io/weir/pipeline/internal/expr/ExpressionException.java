package io.weir.pipeline.internal.expr;

/**
 * An expression failed on an event; the message names the configuration key. Carries no stack
 * trace of its own: a bad field in a stream of events can fail every one of them.
 */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message, null, false, false);
    }

    ExpressionException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
