package io.weir.runtime.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Runs real Gogo (its runtime works without a framework) behind the runner and the socket. */
public class GogoCommandRunnerTest {

    /** Commands that exercise each outcome. */
    public static final class TestCommands {
        @Descriptor("greets")
        public String hello(@Descriptor("who") String name) {
            return "hello " + name;
        }

        public List<String> names() {
            return List.of("alpha", "beta");
        }

        public void print() {
            System.out.println("printed on System.out");
            System.err.println("printed on System.err");
        }

        public String flag(@Parameter(names = {"-a", "--all"}, presentValue = "true", absentValue = "false") boolean all) {
            return "all=" + all;
        }

        public void refuse() {
            throw new IllegalArgumentException("no bundle named foo\n— weir:plugins lists the plugins");
        }

        public void io() throws IOException {
            throw new IOException("disk full");
        }

        public void bug() {
            Object nothing = null;
            nothing.hashCode();
        }

        public void overflow() {
            overflow();
        }
    }

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private ThreadIOImpl threadIO;
    private GogoCommandRunner runner;

    @Before
    public void setUp() {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        for (String function : new String[] {"hello", "names", "print", "flag", "refuse", "io", "bug", "overflow"}) {
            processor.addCommand("test", new TestCommands(), function);
        }
        runner = new GogoCommandRunner(processor);
    }

    @After
    public void tearDown() {
        threadIO.stop();
    }

    private String[] run(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = runner.run(line, out);
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8)};
    }

    @Test
    public void printsTheResultLikeTheConsole() {
        assertEquals("0|hello bob\n", String.join("|", run("test:hello bob")));
        assertEquals("0|alpha\nbeta\n", String.join("|", run("names")));
    }

    @Test
    public void capturesWhatTheCommandPrints() {
        String[] result = run("test:print");
        assertEquals("0", result[0]);
        assertTrue(result[1], result[1].contains("printed on System.out\n"));
        assertTrue(result[1], result[1].contains("printed on System.err\n"));
    }

    @Test
    public void passesFlags() {
        assertEquals("0|all=true\n", String.join("|", run("test:flag -a")));
        assertEquals("0|all=false\n", String.join("|", run("test:flag")));
    }

    @Test
    public void unknownCommandIsStatus2() {
        String[] result = run("test:nosuch");
        assertEquals("2", result[0]);
        assertTrue(result[1], result[1].startsWith("Command not found: test:nosuch"));
    }

    @Test
    public void syntaxErrorIsStatus2() {
        String[] result = run("test:hello \"unterminated");
        assertEquals("2", result[0]);
        assertTrue(result[1], result[1].startsWith("syntax error: "));
    }

    @Test
    public void wrongArgumentsAreStatus2WithAHint() {
        String[] result = run("test:hello a b");
        assertEquals("2", result[0]);
        assertTrue(result[1], result[1].startsWith("wrong arguments: Cannot coerce"));
        assertTrue(result[1], result[1].endsWith("`help test:hello` shows the usage\n"));
    }

    @Test
    public void commandFailureIsStatus1WithItsMessageOnOneLine() {
        assertEquals("1|Error: no bundle named foo — weir:plugins lists the plugins\n", String.join("|", run("test:refuse")));
        assertEquals("1|Error: disk full\n", String.join("|", run("test:io")));
    }

    @Test
    public void bugsShowTheirStackTrace() {
        String[] result = run("test:bug");
        assertEquals("1", result[0]);
        assertTrue(result[1], result[1].startsWith("Internal error in the command:\njava.lang.NullPointerException"));
        assertTrue(result[1], result[1].contains("at " + TestCommands.class.getName() + ".bug"));
    }

    @Test
    public void stackOverflowIsStatus1AndTheRunnerStillWorks() {
        String[] result = run("test:overflow");
        assertEquals("1", result[0]);
        assertTrue(result[1].substring(0, 200), result[1].contains("java.lang.StackOverflowError"));
        assertEquals("0", run("test:hello again")[0]);
    }

    @Test
    public void endToEndOverTheSocket() throws IOException {
        Path socket = folder.getRoot().toPath().resolve("shell.sock");
        try (UnixShellServer server = UnixShellServer.start(socket, runner,
                new ShellLimits(2, 2, Duration.ofSeconds(5), Duration.ofSeconds(2)))) {
            assertEquals(new ShellClient.Reply("hello socket\n", 0), ShellClient.run(socket, "test:hello socket"));
            assertEquals(2, ShellClient.run(socket, "nosuch").status());
            ShellClient.Reply failed = ShellClient.run(socket, "test:io");
            assertEquals(new ShellClient.Reply("Error: disk full\n", 1), failed);
            ShellClient.Reply printed = ShellClient.run(socket, "test:print");
            assertFalse(printed.output().contains("\u0000"));
            assertTrue(printed.output(), printed.output().contains("printed on System.out"));
        }
    }
}
