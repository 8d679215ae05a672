package io.weir.runtime.internal.lifecycle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.Descriptor;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.weir.runtime.internal.shell.GogoCommandRunner;
import io.weir.runtime.internal.shell.LifecycleCommands;

/** {@code weir:leaks} through Gogo: flags, the bundle filter, its errors and its help text. */
public class LeaksCommandTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final CountDownLatch release = new CountDownLatch(1);

    private LeakMonitor monitor;
    private ThreadIOImpl threadIO;
    private GogoCommandRunner runner;

    @Before
    public void start() {
        monitor = new LeakMonitor(new LeakSettings(Duration.ZERO, Duration.ofMillis(300), 10), id -> false, c -> { });
        threadIO = new ThreadIOImpl();
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        processor.addCommand("weir", new LifecycleCommands(monitor, folder.getRoot().toPath()), "leaks");
        runner = new GogoCommandRunner(processor);
    }

    @After
    public void stop() {
        release.countDown();
        threadIO.stop();
        monitor.close();
    }

    @Test
    public void listsFiltersAndExplainsAnUnknownBundle() throws Exception {
        assertEquals("No plugin revision has been removed since the server started.\n", run(0, "weir:leaks"));

        LeakCheck check = monitor.removed(PluginLoaders.revision(21, "com.acme.gone"), "uninstalled",
                Thread.getAllStackTraces(), Set.of());
        monitor.removed(PluginLoaders.revision(22, "com.acme.other"), "refreshed", Thread.getAllStackTraces(), Set.of());
        PluginLoaders.waitFor(() -> {
            monitor.collectGarbage();
            return check.isDone();
        }, 20_000, "the check ends");

        String all = run(0, "weir:leaks --gc");
        assertTrue(all, all.startsWith("Removed plugin revisions (2, newest first;"));
        String one = run(0, "weir:leaks -g com.acme.gone");
        assertTrue(one, one.startsWith("Removed plugin revisions (1, newest first; 0 leaving something behind, 0 being"
                + " checked):\n  com.acme.gone 1.0.0  (bundle 21)  uninstalled "));
        assertEquals(one.replaceAll("\\(\\d+ s ago\\)", ""), run(0, "weir:leaks 21").replaceAll("\\(\\d+ s ago\\)", ""));
        assertEquals("Error: no removed revision of com.acme.never is remembered — weir:leaks lists every one\n",
                run(1, "weir:leaks com.acme.never"));
    }

    @Test
    public void anUnknownOptionIsRefusedNotTakenForABundle() {
        String refused = "wrong arguments: unknown option '-x'; the options of weir:leaks are -g/--gc, -p/--paths"
                + " — `help weir:leaks` shows the usage\n";
        assertEquals(refused, run(2, "weir:leaks -x"));
        assertEquals(refused, run(2, "weir:leaks -g -x"));
        assertEquals(refused.replace("'-x'", "'-gp'"), run(2, "weir:leaks -gp"));
    }

    @Test
    public void pathsTracesALeakedClassLoaderToTheThreadThatKeepsIt() throws Exception {
        assertEquals("No check has ended with a class loader still alive: nothing to trace.\n"
                + "No plugin revision has been removed since the server started.\n", run(0, "weir:leaks --paths"));
        PluginRevision revision = PluginLoaders.revision(31, "com.acme.pathy", "pathy");
        PluginLoaders.startRunnable(revision, "weir-pathy-a-1", release, false);
        LeakCheck check = monitor.removed(revision, "uninstalled", Thread.getAllStackTraces(), Set.of());
        PluginLoaders.waitFor(check::isDone, 20_000, "the check ends");

        String report = run(0, "weir:leaks -p com.acme.pathy");
        assertTrue(report, report.startsWith("Traced 1 class loader in a heap dump.\n"));
        assertTrue(report, report.contains("\n      path that keeps it (from a heap dump):\n        GC root: "));
        assertTrue(report, report.contains(" of thread \"weir-pathy-a-1\"\n"));
        assertTrue(report, report.contains("          class " + PluginLoaders.PLUGIN_PACKAGE
                + ".Worker (its class loader) ->\n          the class loader of the removed revision\n"));
        assertEquals("the dump is deleted", 0, folder.getRoot().list().length);
        assertEquals("remembered for later", report.substring(report.indexOf('\n') + 1).replaceAll("\\(\\d+ s ago\\)", ""),
                run(0, "weir:leaks com.acme.pathy").replaceAll("\\(\\d+ s ago\\)", ""));
    }

    @Test
    public void everyVariantHasHelpText() {
        List<Method> methods = List.of(LifecycleCommands.class.getMethods()).stream()
                .filter(m -> m.getName().equals("leaks")).collect(java.util.stream.Collectors.toList());
        assertEquals(2, methods.size());
        for (Method method : methods) {
            assertNotNull(method.getAnnotation(Descriptor.class));
            for (var annotations : method.getParameterAnnotations()) {
                assertTrue(List.of(annotations).stream().anyMatch(a -> a instanceof Descriptor));
            }
        }
    }

    private String run(int status, String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(command, status, runner.run(command, out));
        return out.toString(StandardCharsets.UTF_8);
    }
}
