package io.weir.pipeline.internal.graph;

/** Tells the throwables an operator may cause from those that must end the thread. */
final class Fatal {
    private Fatal() {
    }

    /**
     * Rethrows errors the JVM cannot recover from (out of memory, internal errors). Everything else,
     * including a stack overflow in an operator or a {@link LinkageError} from a bundle that went
     * away, is the operator's failure and is handled like an exception.
     */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }
}
