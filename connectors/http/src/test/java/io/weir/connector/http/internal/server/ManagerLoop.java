package io.weir.connector.http.internal.server;

import io.weir.api.connector.Source;
import io.weir.connector.testkit.FakeSourceOutput;

/** Plays the source manager: calls pull in a loop on its own thread until stopped. */
final class ManagerLoop implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    volatile Throwable failure;

    ManagerLoop(Source source, FakeSourceOutput output) {
        thread = new Thread(() -> {
            try {
                while (running) {
                    source.pull(output, 20);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }, "test-manager");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        if (failure != null) {
            throw new AssertionError("pull failed", failure);
        }
    }
}
