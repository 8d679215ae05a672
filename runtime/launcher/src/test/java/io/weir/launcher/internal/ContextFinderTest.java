package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ContextFinderTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** Loaded again by a "bundle" class loader, it asks the context class loader like JLine does. */
    public static final class Probe implements Callable<Object> {
        @Override
        public Object call() throws Exception {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return new Object[] {context.getResource("META-INF/probe/provider"),
                    context.loadClass(Probe.class.getName()).getClassLoader()};
        }
    }

    @Test
    public void answersWithTheLoaderOfTheCallingBundle() throws Exception {
        Path resources = temp.newFolder("bundle").toPath();
        Files.createDirectories(resources.resolve("META-INF/probe"));
        Files.writeString(resources.resolve("META-INF/probe/provider"), "x");
        URL classes = Probe.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader bundleLoader = new URLClassLoader(new URL[] {resources.toUri().toURL(), classes}, null);
        Class<?> probe = bundleLoader.loadClass(Probe.class.getName());
        Method call = probe.getMethod("call");

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new ContextFinder(getClass().getClassLoader()));
        try {
            Object[] answer = (Object[]) call.invoke(probe.getDeclaredConstructor().newInstance());
            assertNotNull("the bundle's resource was not found through the context class loader", answer[0]);
            assertSame(bundleLoader, answer[1]);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    public void withoutABundleOnTheStackItFallsBack() throws Exception {
        ContextFinder finder = new ContextFinder(getClass().getClassLoader());
        assertNull(finder.getResource("META-INF/probe/provider"));
        assertEquals(String.class, finder.loadClass("java.lang.String"));
        assertSame(getClass().getClassLoader(), finder.loadClass(Probe.class.getName()).getClassLoader());
    }
}
