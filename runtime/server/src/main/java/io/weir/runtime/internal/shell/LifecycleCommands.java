package io.weir.runtime.internal.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
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

/** Shell command {@code weir:leaks}: what removed or replaced plugins left behind. */
@Component(service = LifecycleCommands.class, property = {
    "osgi.command.scope=weir",
    "osgi.command.function=leaks"
})
public class LifecycleCommands {

    private final LeakMonitor monitor;

    /** Reads the checks of the runtime's lifecycle watcher. */
    @Activate
    public LifecycleCommands(@Reference LifecycleWatcher watcher) {
        this(watcher.monitor());
    }

    /** Reads the checks of this monitor. */
    public LifecycleCommands(LeakMonitor monitor) {
        this.monitor = monitor;
    }

    /** Every remembered removal. */
    @Descriptor("Show what removed or replaced plugin revisions left behind, newest first: for each, when it went,"
            + " whether its threads ended and its class loader was garbage-collected (collected \u2714 / threads"
            + " alive / class loader alive / checking), and the evidence: leftover threads by name with state and"
            + " top frames, and what still holds the class loader where it can be found")
    public String leaks(
            @Descriptor("request one garbage collection first, to see what it frees")
            @Parameter(names = {"-g", "--gc"}, presentValue = "true", absentValue = "false") boolean gc) {
        return render(gc, null);
    }

    /** The removals of one plugin. */
    @Descriptor("Show what the removed or replaced revisions of one plugin left behind")
    public String leaks(
            @Descriptor("request one garbage collection first, to see what it frees")
            @Parameter(names = {"-g", "--gc"}, presentValue = "true", absentValue = "false") boolean gc,
            @Descriptor("bundle id or symbolic name") String bundle) {
        return render(gc, bundle);
    }

    private String render(boolean gc, String bundle) {
        if (gc) {
            monitor.collectGarbage();
        }
        List<LeakCheck> checks = monitor.checks();
        if (bundle != null) {
            String key = bundle.trim();
            checks = checks.stream()
                    .filter(c -> key.equals(c.info().symbolicName()) || key.equals(String.valueOf(c.info().bundleId())))
                    .collect(Collectors.toList());
            if (checks.isEmpty()) {
                throw new IllegalArgumentException("no removed revision of " + key
                        + " is remembered — weir:leaks lists every one");
            }
        }
        return LeakReport.render(checks, Instant.now(), ZoneId.systemDefault());
    }
}
