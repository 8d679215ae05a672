package io.weir.launcher.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * The launcher's command line: {@code [--home DIR] [--data DIR] [--no-console]}.
 * <p>
 * Weir home defaults to the {@code weir.home} system property, else to the folder above the {@code lib/} folder
 * the launcher jar sits in. The data folder defaults to {@code weir.data}, else {@code <home>/data}.
 */
public final class LaunchOptions {
    /** Usage text printed for {@code --help} and after a bad argument. */
    public static final String USAGE = "usage: java -cp 'lib/*' io.weir.launcher.Main [--home DIR] [--data DIR] [--no-console]";

    private final Path home;
    private final Path data;
    private final boolean consoleWanted;
    private final boolean helpRequested;

    private LaunchOptions(Path home, Path data, boolean consoleWanted, boolean helpRequested) {
        this.home = home;
        this.data = data;
        this.consoleWanted = consoleWanted;
        this.helpRequested = helpRequested;
    }

    /**
     * Parses the command line.
     *
     * @param args             the arguments given to {@code main}
     * @param systemProperties where {@code weir.home} and {@code weir.data} may be set
     * @param jarHome          the home derived from the launcher jar's location, or null when unknown
     * @throws LaunchException with {@link ExitCodes#USAGE} for an unknown or incomplete argument
     */
    public static LaunchOptions parse(String[] args, Map<String, String> systemProperties, Path jarHome)
            throws LaunchException {
        String home = systemProperties.get("weir.home");
        String data = systemProperties.get("weir.data");
        boolean console = true;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--home":
                    home = valueOf(args, ++i, arg);
                    break;
                case "--data":
                    data = valueOf(args, ++i, arg);
                    break;
                case "--no-console":
                    console = false;
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                default:
                    throw new LaunchException(ExitCodes.USAGE, "unknown argument '" + arg + "'; " + USAGE);
            }
        }
        Path homePath;
        if (home != null) {
            homePath = Path.of(home);
        } else if (jarHome != null) {
            homePath = jarHome;
        } else {
            throw new LaunchException(ExitCodes.USAGE, "cannot tell where Weir home is: pass --home; " + USAGE);
        }
        homePath = homePath.toAbsolutePath().normalize();
        Path dataPath = data != null ? Path.of(data).toAbsolutePath().normalize() : homePath.resolve("data");
        return new LaunchOptions(homePath, dataPath, console, help);
    }

    private static String valueOf(String[] args, int index, String option) throws LaunchException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new LaunchException(ExitCodes.USAGE, option + " needs a folder; " + USAGE);
        }
        return args[index];
    }

    /** Weir home: holds {@code lib/}, {@code system/}, {@code deploy/} and {@code etc/}. Absolute. */
    public Path home() {
        return home;
    }

    /** The data folder: framework cache, logs, shell socket, lock. Absolute. */
    public Path data() {
        return data;
    }

    /** False with {@code --no-console}: never start the interactive console, even on a terminal. */
    public boolean consoleWanted() {
        return consoleWanted;
    }

    /** True with {@code --help}. */
    public boolean helpRequested() {
        return helpRequested;
    }
}
