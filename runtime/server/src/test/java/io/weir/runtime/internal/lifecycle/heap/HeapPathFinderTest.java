package io.weir.runtime.internal.lifecycle.heap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.weir.runtime.internal.lifecycle.testplugin.Worker;

/** Real heap dumps of this JVM, traced back from a plugin class loader to the GC root that keeps it. */
public class HeapPathFinderTest {

    /** A leak the test makes on purpose: a static field of a class outside the plugin. */
    static Object holder;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final CountDownLatch release = new CountDownLatch(1);

    @After
    public void release() {
        holder = null;
        release.countDown();
    }

    @Test
    public void aStaticFieldHoldingAPluginObjectIsNamedOnThePath() throws Exception {
        WeakReference<ClassLoader> loader = pluginLoader("com.acme.static");
        // The holder is a finished thread's plugin object: only the static field keeps the loader.
        holder = pluginClass(loader);

        Map<Long, List<String>> paths = HeapDumps.tracePaths(Map.of(7L, loader), folder.getRoot().toPath(),
                HeapPathFinder.Limits.DEFAULTS);
        List<String> path = paths.get(7L);
        String text = String.join("\n", path);
        assertTrue(text, text.contains("class " + HeapPathFinderTest.class.getName() + " static field holder ->"));
        assertTrue(text, text.endsWith("  the class loader of the removed revision"));
        assertTrue(text, text.startsWith("GC root: "));
        assertEquals("the dump is deleted", 0, Files.list(folder.getRoot().toPath()).count());
    }

    @Test
    public void aRunningThreadOfThePluginIsTheRootAndIsNamed() throws Exception {
        WeakReference<ClassLoader> loader = pluginLoader("com.acme.thread");
        newWorkerThread(loader, "weir-heapleak-a-1");

        String text = String.join("\n", HeapDumps.tracePaths(Map.of(3L, loader), folder.getRoot().toPath(),
                HeapPathFinder.Limits.DEFAULTS).get(3L));
        assertTrue(text, text.startsWith("GC root: ") && text.contains(" of thread \"weir-heapleak-a-1\""));
        assertTrue(text, text.contains("  a " + Worker.class.getName() + " (its class) ->\n  class "
                + Worker.class.getName() + " (its class loader) ->\n  the class loader of the removed revision"));
    }

    @Test
    public void limitsEndTheSearchWithAReason() throws Exception {
        WeakReference<ClassLoader> loader = pluginLoader("com.acme.limited");
        holder = newWorkerThread(loader, "acme-limited");
        List<String> path = HeapDumps.tracePaths(Map.of(1L, loader), folder.getRoot().toPath(),
                new HeapPathFinder.Limits(java.time.Duration.ofSeconds(60), 1_000_000, 1)).get(1L);
        assertEquals(List.of("no path to a GC root found: no GC root within 1 references"), path);
    }

    @Test
    public void nothingToTraceWhenTheLoaderIsGone() throws Exception {
        assertEquals(Map.of(), HeapDumps.tracePaths(Map.of(1L, new WeakReference<>(null)), folder.getRoot().toPath(),
                HeapPathFinder.Limits.DEFAULTS));
    }

    @Test
    public void javaNamesOfInternalClassNames() {
        assertEquals("java.lang.Object[][]", HeapPathFinder.javaName("[[Ljava/lang/Object;"));
        assertEquals("byte[]", HeapPathFinder.javaName("[B"));
        assertEquals("com.acme.X$Y", HeapPathFinder.javaName("com/acme/X$Y"));
    }

    /** A loader of its own for the test plugin's classes; returned only weakly. */
    private static WeakReference<ClassLoader> pluginLoader(String name) {
        URL classes = Worker.class.getProtectionDomain().getCodeSource().getLocation();
        return new WeakReference<>(new URLClassLoader(name, new URL[] {classes}, ClassLoader.getPlatformClassLoader()));
    }

    /** A class of the plugin (a method of its own: no frame of the test keeps the loader). */
    private static Class<?> pluginClass(WeakReference<ClassLoader> loader) throws ClassNotFoundException {
        return Class.forName(Worker.class.getName() + "$PluginThread", false, loader.get());
    }

    private Thread newWorkerThread(WeakReference<ClassLoader> loader, String name) throws Exception {
        Class<?> worker = Class.forName(Worker.class.getName(), true, loader.get());
        Thread thread = (Thread) worker.getMethod("startRunnable", String.class, CountDownLatch.class, boolean.class)
                .invoke(null, name, release, false);
        assertTrue(thread.isAlive());
        return thread;
    }

}
