package io.weir.runtime.internal.lifecycle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Logger;

import org.junit.Test;

/** The known holders of a class loader and the thread evidence, against a plugin loaded by its own loader. */
public class KnownHoldersTest {

    @Test
    public void aLogHandlerLeftOnAJulLoggerIsNamed() throws Exception {
        PluginRevision revision = PluginLoaders.revision(5, "com.acme.logging");
        Logger logger = Logger.getLogger("weir.test.leaky");
        PluginLoaders.call(revision, "addLogHandler", new Class<?>[] {String.class}, "weir.test.leaky");
        try {
            List<String> found = KnownHolders.find(revision.loaderReference().get(), ThreadAttribution.liveThreads());
            assertEquals(List.of("java.util.logging logger weir.test.leaky has handler "
                    + PluginLoaders.PLUGIN_PACKAGE + ".Worker$1"), found);
        } finally {
            for (Handler handler : logger.getHandlers()) {
                logger.removeHandler(handler);
            }
        }
        assertEquals(List.of(), KnownHolders.find(revision.loaderReference().get(), ThreadAttribution.liveThreads()));
    }

    @Test
    public void contextClassLoaderAndFramesAreEvidenceAndSharedPackagesAreFlaggedAmbiguous() throws Exception {
        PluginRevision revision = PluginLoaders.revision(6, "com.acme.ccl", "ccl");
        ClassLoader loader = revision.loaderReference().get();
        Thread thread = new Thread(() -> { }, "pool-7-thread-1");
        thread.setContextClassLoader(loader);
        StackTraceElement frame = new StackTraceElement(PluginLoaders.PLUGIN_PACKAGE + ".Worker", "run", "Worker.java", 3);

        ThreadAttribution attribution = new ThreadAttribution(loader, revision.packages(), revision.threadPrefixes(),
                Set.of(PluginLoaders.PLUGIN_PACKAGE));
        assertEquals(List.of("its context class loader is the plugin's",
                "it runs the plugin's code at " + frame + " (ambiguous: another installed bundle holds package "
                        + PluginLoaders.PLUGIN_PACKAGE + " too)"),
                attribution.reasons(thread, new StackTraceElement[] {
                    new StackTraceElement("java.lang.Object", "wait", null, -2), frame}));

        Thread unrelated = new Thread(() -> { }, "weir-cclx-1");
        assertTrue("no evidence: not a suspect", attribution.reasons(unrelated, new StackTraceElement[0]).isEmpty());
        assertEquals(List.of("its name follows the plugin's thread naming weir-ccl-<instance>-..."),
                attribution.reasons(new Thread(() -> { }, "weir-ccl-a-1"), null));
    }
}
