package io.weir.runtime.internal.shell;

import java.time.ZoneId;

import io.weir.runtime.internal.flow.FlowEngine;
import io.weir.runtime.internal.flow.FlowRuntime;
import io.weir.runtime.internal.swap.SwapReport;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands about hot swaps and faults: {@code weir:swaps} and {@code weir:restart}. */
@Component(service = SwapCommands.class, property = {
    "osgi.command.scope=weir",
    "osgi.command.function=swaps",
    "osgi.command.function=restart"
})
public class SwapCommands {
    private final FlowEngine engine;

    /** Reads the flow engine. */
    @Activate
    public SwapCommands(@Reference FlowRuntime runtime) {
        this.engine = runtime.engine();
    }

    /** The swap history. */
    @Descriptor("Show the hot swaps of plugins, newest first: when the old version went, the node held, the plugin,"
            + " old -> new bundle version, the pause from the old version going to the new one running, the events"
            + " replayed to a new sink and the outcomes handed to a new source, and the outcome (resumed, failed,"
            + " timed out, cancelled); then the swaps in progress")
    public String swaps(
            @Descriptor("show at most this many swaps (0: all remembered, up to " + FlowEngine.SWAP_HISTORY + ")")
            @Parameter(names = {"-n", "--last"}, absentValue = "20") int last) {
        if (last < 0) {
            throw new IllegalArgumentException("-n " + last + ": give how many swaps to show, or 0 for all");
        }
        return SwapReport.render(engine.swapHistory(), engine.swapsCompleted(), engine.swapsInProgress(), last,
                ZoneId.systemDefault());
    }

    /** Restarts a node. */
    @Descriptor("Restart a node of the flows: lift its quarantine (it is tried again at once), or take a connector"
            + " instance whose stuck call has returned into use again, or else close and open it again (state and"
            + " events it did not acknowledge are handed over, as in a swap)")
    public String restart(@Descriptor("the node: source/<name>, sink/<name>, pipeline/<name>, or a name only one"
            + " of them has") String node) {
        return engine.restart(NameArgument.check(node, SwapCommands.class, "restart"));
    }
}
