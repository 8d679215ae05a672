package io.weir.runtime.internal.shell;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.weir.runtime.internal.flow.FlowRuntime;

/** The flow and node commands through Gogo: an option where they take a name is refused, not looked up. */
public class NameArgumentTest {

    private final FlowRuntime runtime = new FlowRuntime();
    private ThreadIOImpl threadIO;
    private GogoCommandRunner runner;

    @Before
    public void start() {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        FlowCommands flows = new FlowCommands(runtime, null);
        for (String function : new String[] {"flows", "pause", "resume"}) {
            processor.addCommand("weir", flows, function);
        }
        processor.addCommand("weir", new SwapCommands(runtime), "restart");
        processor.addCommand("weir", new SwapCommands(runtime), "swaps");
        runner = new GogoCommandRunner(processor);
    }

    @After
    public void stop() {
        threadIO.stop();
        runtime.engine().close();
    }

    @Test
    public void anOptionWhereANameGoesIsWrongArguments() {
        assertEquals("wrong arguments: unknown option '-x'; weir:pause has no options — `help weir:pause` shows the"
                + " usage\n", run(2, "weir:pause -x"));
        assertEquals("wrong arguments: unknown option '--all'; weir:resume has no options — `help weir:resume` shows"
                + " the usage\n", run(2, "weir:resume --all"));
        assertEquals("wrong arguments: unknown option '-x'; weir:restart has no options — `help weir:restart` shows"
                + " the usage\n", run(2, "weir:restart -x"));
        assertEquals("wrong arguments: unknown option '--help'; weir:flows has no options — `help weir:flows` shows"
                + " the usage\n", run(2, "weir:flows --help"));
    }

    @Test
    public void aNameIsStillLookedUp() {
        assertEquals("Error: no flow named 'nope'; weir:flows lists them\n", run(1, "weir:flows nope"));
        assertEquals("Error: no flow named 'nope'\n", run(1, "weir:pause nope"));
    }

    @Test
    public void listsTheOptionsACommandDeclares() {
        assertEquals("the options of weir:swaps are -n/--last", NameArgument.options(SwapCommands.class, "swaps"));
        assertEquals("the options of weir:plugins are -a/--all", NameArgument.options(PluginCommands.class, "plugins"));
    }

    private String run(int status, String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(command, status, runner.run(command, out));
        return out.toString(StandardCharsets.UTF_8);
    }
}
