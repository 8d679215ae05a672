package io.weir.runtime.internal.manager;

/**
 * Hears once how the first start of a manager went: its instance opened (a pipeline compiled), or the
 * first attempt failed. The swap coordinator measures a hot swap up to this moment. Called on the
 * manager's thread; must not block.
 */
public interface StartListener {

    /**
     * The instance opened and the node runs.
     *
     * @param nowNanos   {@link System#nanoTime()}
     * @param handedOver outcomes of the predecessor's events delivered to the new instance on opening
     */
    void started(long nowNanos, long handedOver);

    /**
     * The first attempt failed; the manager retries with backoff.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @param failure  one line
     */
    void failed(long nowNanos, String failure);
}
