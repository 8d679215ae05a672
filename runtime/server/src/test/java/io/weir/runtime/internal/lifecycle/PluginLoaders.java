package io.weir.runtime.internal.lifecycle;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import io.weir.runtime.internal.lifecycle.testplugin.Worker;

/** Test helpers: plugin revisions whose class loader only a weak reference holds, and bounded waits. */
final class PluginLoaders {

    static final String PLUGIN_PACKAGE = Worker.class.getPackageName();

    private PluginLoaders() {
    }

    /** A revision with a class loader of its own that loads the test plugin's classes. */
    static PluginRevision revision(long id, String name, String... connectorTypes) {
        URL classes = Worker.class.getProtectionDomain().getCodeSource().getLocation();
        // The platform loader as parent: the plugin's classes come from this loader, not the test's.
        URLClassLoader loader = new URLClassLoader(name, new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        PluginRevision revision = new PluginRevision(new RevisionInfo(id, name, "1.0.0", "file:/deploy/" + name + ".jar"),
                loader, Set.of(PLUGIN_PACKAGE));
        for (String type : connectorTypes) {
            revision.addConnectorType(type);
        }
        return revision;
    }

    /** Calls a static method of the plugin's Worker (loaded by the revision's loader); returns what it returns. */
    static Object call(PluginRevision revision, String method, Class<?>[] types, Object... args) throws Exception {
        ClassLoader loader = revision.loaderReference().get();
        if (loader == null) {
            throw new IllegalStateException("the plugin's loader was collected already");
        }
        Class<?> worker = Class.forName(Worker.class.getName(), true, loader);
        if (worker.getClassLoader() != loader) {
            throw new IllegalStateException("the plugin's class came from " + worker.getClassLoader());
        }
        try {
            return worker.getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Starts a thread running the plugin's Worker (a plain Thread), returns once it runs. */
    static Thread startRunnable(PluginRevision revision, String name, CountDownLatch release, boolean obeysInterrupt)
            throws Exception {
        return (Thread) call(revision, "startRunnable", new Class<?>[] {String.class, CountDownLatch.class, boolean.class},
                name, release, obeysInterrupt);
    }

    /** Starts a thread of the plugin's own Thread subclass, returns once it runs. */
    static Thread startSubclass(PluginRevision revision, String name, CountDownLatch release) throws Exception {
        return (Thread) call(revision, "startSubclass", new Class<?>[] {String.class, CountDownLatch.class}, name, release);
    }

    /** Polls the condition every 20 ms until it holds; fails after the timeout. */
    static void waitFor(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
