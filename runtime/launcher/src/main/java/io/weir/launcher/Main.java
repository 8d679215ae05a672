package io.weir.launcher;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

import io.weir.launcher.internal.ExitCodes;
import io.weir.launcher.internal.LaunchException;
import io.weir.launcher.internal.LaunchOptions;
import io.weir.launcher.internal.Launcher;

/**
 * Starts Weir: {@code java -cp 'lib/*' io.weir.launcher.Main [--home DIR] [--data DIR] [--no-console]}.
 * <p>
 * Runs until Weir stops and exits with its status (see {@link ExitCodes}). A problem that prevents the start is
 * one line on stderr, prefixed {@code weir:}. Operators use {@code bin/weir}, which also checks the Java version.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            LaunchOptions options = LaunchOptions.parse(args, Launcher.systemProperties(), jarHome());
            if (options.helpRequested()) {
                out.println(LaunchOptions.USAGE);
                return ExitCodes.OK;
            }
            return new Launcher(options, System.console() != null, out, err).run();
        } catch (LaunchException e) {
            err.println("weir: " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("weir: interrupted while running");
            return ExitCodes.FAILED;
        } catch (RuntimeException | Error e) {
            err.println("weir: unexpected failure: " + e);
            e.printStackTrace(err);
            return ExitCodes.FAILED;
        }
    }

    /** The folder above {@code lib/} when the launcher runs from {@code lib/launcher-*.jar}, else null. */
    private static Path jarHome() {
        try {
            CodeSource source = Main.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = jar.getParent();
            if (lib != null && lib.getFileName() != null && "lib".equals(lib.getFileName().toString())) {
                return lib.getParent();
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // fall through: --home or weir.home must say it
        }
        return null;
    }
}
