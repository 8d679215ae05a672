package io.weir.runtime.internal.shell;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command line in a fresh Gogo session, prints its result the way the console does, and turns what it
 * threw into an exit status and one readable line.
 */
public final class GogoCommandRunner implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(GogoCommandRunner.class);
    private static final String GOGO_RUNTIME = "org.apache.felix.gogo.runtime.";

    private final CommandProcessor processor;

    /** Runs commands through this processor. */
    public GogoCommandRunner(CommandProcessor processor) {
        this.processor = processor;
    }

    @Override
    public int run(String commandLine, OutputStream out) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            Object result = session.execute(commandLine);
            if (result != null) {
                CharSequence text = session.format(result, Converter.INSPECT);
                print.print(text);
                if (text.length() == 0 || text.charAt(text.length() - 1) != '\n') {
                    print.println();
                }
            }
            return SUCCESS;
        } catch (Exception e) {
            return report(commandLine, e, print);
        } finally {
            print.flush();
        }
    }

    /** Prints why the command did not succeed and classifies it. */
    static int report(String commandLine, Exception thrown, PrintStream print) {
        Throwable cause = thrown instanceof InvocationTargetException && thrown.getCause() != null
                ? thrown.getCause()
                : thrown;
        if (isA(cause, GOGO_RUNTIME + "CommandNotFoundException")) {
            print.println(oneLine(cause) + " — `help` lists the commands");
            return UNKNOWN_COMMAND;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (isA(t, GOGO_RUNTIME + "SyntaxError")) {
                print.println("syntax error: " + oneLine(t));
                return UNKNOWN_COMMAND;
            }
        }
        if (cause instanceof WrongArgumentsException
                || cause instanceof IllegalArgumentException && thrownBy(cause, GOGO_RUNTIME)) {
            // Gogo found the command but no method fits the arguments ("Cannot coerce ..."), or the command
            // itself refused them (an unknown option where it takes a name).
            String command = commandLine.strip().split("\\s+", 2)[0];
            print.println("wrong arguments: " + oneLine(cause) + " — `help " + command + "` shows the usage");
            return UNKNOWN_COMMAND;
        }
        if (isExpected(cause)) {
            print.println("Error: " + oneLine(cause));
            return FAILED;
        }
        // Anything else is a bug in the command: show where, so it can be fixed.
        LOG.error("Shell command '{}' failed", commandLine, cause);
        print.println("Internal error in the command:");
        cause.printStackTrace(print);
        return FAILED;
    }

    /** Failures a command reports on purpose: bad input, wrong state, I/O and other checked exceptions. */
    private static boolean isExpected(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof UnsupportedOperationException
                || (t instanceof Exception && !(t instanceof RuntimeException));
    }

    /** Matches by class name, so this bundle needs no import of Gogo's implementation package. */
    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static boolean thrownBy(Throwable t, String packagePrefix) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(packagePrefix);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return String.join(" ", message.strip().split("\\s*\\R\\s*"));
    }
}
