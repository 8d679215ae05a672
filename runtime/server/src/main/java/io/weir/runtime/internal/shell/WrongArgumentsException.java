package io.weir.runtime.internal.shell;

/**
 * A command refuses its arguments the way Gogo refuses a call that fits none of its methods: reported as
 * wrong arguments (status 2) with a pointer to the command's help, not as the command failing.
 */
public final class WrongArgumentsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the arguments */
    public WrongArgumentsException(String message) {
        super(message);
    }
}
