package io.weir.runtime.internal.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.weir.runtime.internal.lifecycle.LeakCheck;
import io.weir.runtime.internal.lifecycle.LeakMonitor;
import io.weir.runtime.internal.lifecycle.LeakReport;
import io.weir.runtime.internal.lifecycle.LifecycleWatcher;
import io.weir.runtime.internal.lifecycle.heap.HeapPathFinder;

/** Shell command {@code weir:leaks}: what removed or replaced plugins left behind. */
@Component(service = LifecycleCommands.class, property = {
    "osgi.command.scope=weir",
    "osgi.command.function=leaks"
})
public class LifecycleCommands {

    private final LeakMonitor monitor;
    private final Path heapDumps;

    /** Reads the checks of the runtime's lifecycle watcher. */
    @Activate
    public LifecycleCommands(@Reference LifecycleWatcher watcher) {
        this(watcher.monitor(), watcher.heapDumpFolder());
    }

    /**
     * @param monitor   the checks to show
     * @param heapDumps where {@code --paths} writes its short-lived heap dump
     */
    public LifecycleCommands(LeakMonitor monitor, Path heapDumps) {
        this.monitor = monitor;
        this.heapDumps = heapDumps;
    }

    /** Every remembered removal. */
    @Descriptor("Show what removed or replaced plugin revisions left behind, newest first: for each, when it went,"
            + " whether its threads ended and its class loader was garbage-collected (collected \u2714 / threads"
            + " alive / class loader alive / checking), and the evidence: leftover threads by name with state and"
            + " top frames, and what still holds the class loader where it can be found")
    public String leaks(
            @Descriptor("request one garbage collection first, to see what it frees")
            @Parameter(names = {"-g", "--gc"}, presentValue = "true", absentValue = "false") boolean gc,
            @Descriptor("trace each class loader still alive back to a GC root in a heap dump (written to the runtime's"
                    + " data folder and deleted afterwards; pauses the server while the dump is written)")
            @Parameter(names = {"-p", "--paths"}, presentValue = "true", absentValue = "false") boolean paths)
            throws IOException {
        return render(gc, paths, null);
    }

    /** The removals of one plugin. */
    @Descriptor("Show what the removed or replaced revisions of one plugin left behind")
    public String leaks(
            @Descriptor("request one garbage collection first, to see what it frees")
            @Parameter(names = {"-g", "--gc"}, presentValue = "true", absentValue = "false") boolean gc,
            @Descriptor("trace each of its class loaders still alive back to a GC root in a heap dump")
            @Parameter(names = {"-p", "--paths"}, presentValue = "true", absentValue = "false") boolean paths,
            @Descriptor("bundle id or symbolic name") String bundle) throws IOException {
        return render(gc, paths, NameArgument.check(bundle, LifecycleCommands.class, "leaks"));
    }

    private String render(boolean gc, boolean paths, String bundle) throws IOException {
        Predicate<LeakCheck> selected = bundle == null ? c -> true : matches(bundle.trim());
        if (gc) {
            monitor.collectGarbage();
        }
        String traced = "";
        if (paths) {
            int count = monitor.tracePaths(heapDumps, HeapPathFinder.Limits.DEFAULTS, selected);
            traced = count == 0 ? "No check has ended with a class loader still alive: nothing to trace.\n"
                    : "Traced " + count + " class loader" + (count == 1 ? "" : "s") + " in a heap dump.\n";
        }
        List<LeakCheck> checks = monitor.checks().stream().filter(selected).collect(Collectors.toList());
        if (bundle != null && checks.isEmpty()) {
            throw new IllegalArgumentException("no removed revision of " + bundle.trim()
                    + " is remembered — weir:leaks lists every one");
        }
        return traced + LeakReport.render(checks, Instant.now(), ZoneId.systemDefault());
    }

    private static Predicate<LeakCheck> matches(String key) {
        return c -> key.equals(c.info().symbolicName()) || key.equals(String.valueOf(c.info().bundleId()));
    }
}
