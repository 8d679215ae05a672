package io.weir.api.codec;

/** A record could not be decoded or a value could not be encoded. The message says why. */
public class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, for an operator reading the {@code err} port */
    public CodecException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause   the underlying parser error
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
