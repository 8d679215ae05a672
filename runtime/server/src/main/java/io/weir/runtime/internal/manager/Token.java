package io.weir.runtime.internal.manager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.weir.api.event.EventId;

/**
 * Tracks one input of a source until every copy of it is completed, then tells the source once:
 * acknowledged when every copy was acknowledged, failed when any copy failed.
 *
 * <p>The count is the number of holders: the stage that created it holds one, each queued copy
 * holds one, a pipeline holding the event holds one. A holder adds the copies it hands on
 * ({@link #retain}) before it lets go of its own hold ({@link #release}), or hands its own hold on with one
 * of the copies ({@link Dispatcher#emitHeld}), so the count cannot reach zero while a copy is still on its way.
 */
public final class Token {
    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(Token.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventId id;
    private final SourceAcks acks;
    /**
     * Changed only through {@link #COUNT}'s atomic operations. Set plainly here: a volatile store would cost a
     * fence per event, and the token reaches other threads through the inboxes' locks.
     */
    private int count = 1;
    private volatile boolean failed;

    /**
     * Creates a token held once by its creator.
     *
     * @param id   the input
     * @param acks where the outcome goes
     */
    public Token(EventId id, SourceAcks acks) {
        this.id = id;
        this.acks = acks;
    }

    /** @return the input this token tracks */
    public EventId id() {
        return id;
    }

    /** @param copies holders to add */
    public void retain(int copies) {
        if (copies != 0) {
            COUNT.getAndAdd(this, copies);
        }
    }

    /**
     * Lets go of one hold.
     *
     * @param success whether this holder's copy was delivered
     */
    public void release(boolean success) {
        if (!success) {
            failed = true;
        }
        int left = (int) COUNT.getAndAdd(this, -1) - 1;
        if (left == 0) {
            acks.complete(id, !failed);
        }
    }

    /** Marks the input failed without letting go of a hold (an operator failed the event it holds). */
    public void markFailed() {
        failed = true;
    }

    /** @return the number of holders, for tests */
    int count() {
        return (int) COUNT.getVolatile(this);
    }
}
