package io.weir.runtime.internal.lifecycle.deploy;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Turns Felix FileInstall's own failure reports into deploy problems. FileInstall catches the exception when the
 * framework refuses to install or update a jar, logs it through the OSGi log service and gives up on the file until
 * it changes; it offers no other hook. So its log entries are read here: from FileInstall's bundle only, and only
 * the two lines of FileInstall 3.7.x that carry a failed jar, {@code Failed to install artifact: <file>} and
 * {@code Failed to update artifact <file>}, with the framework's exception as the reason.
 */
public final class FileInstallFailures {

    /** The bundle whose log entries are read. */
    public static final String FILEINSTALL = "org.apache.felix.fileinstall";
    static final String INSTALL_FAILED = "Failed to install artifact: ";
    static final String UPDATE_FAILED = "Failed to update artifact ";
    /** FileInstall's own check that the manifest comes first: the guard reads the manifest anywhere in the jar. */
    private static final String MANIFEST_NOT_FIRST = "does not have a META-INF/MANIFEST.MF";

    private final DeployProblems problems;

    /** @param problems where the failures are kept */
    public FileInstallFailures(DeployProblems problems) {
        this.problems = problems;
    }

    /**
     * Looks at one log entry.
     *
     * @param bundle    the symbolic name of the bundle that logged it (may be null)
     * @param time      when it was logged (epoch milliseconds)
     * @param message   the message
     * @param exception the exception logged with it, or null
     * @return whether it was a failed jar, now recorded
     */
    public boolean logged(String bundle, long time, String message, Throwable exception) {
        if (!FILEINSTALL.equals(bundle) || message == null) {
            return false;
        }
        DeployProblem.Kind kind;
        String fileName;
        if (message.startsWith(INSTALL_FAILED)) {
            kind = DeployProblem.Kind.INSTALL_FAILED;
            fileName = message.substring(INSTALL_FAILED.length());
        } else if (message.startsWith(UPDATE_FAILED)) {
            kind = DeployProblem.Kind.UPDATE_FAILED;
            fileName = message.substring(UPDATE_FAILED.length());
        } else {
            return false;
        }
        File file = new File(fileName.trim());
        // A file changed after the failed attempt is a new attempt's business.
        if (!file.getName().endsWith(".jar") || !file.isFile() || file.lastModified() > time) {
            return false;
        }
        Path path = file.toPath().toAbsolutePath().normalize();
        JarIdentity identity;
        try {
            identity = JarIdentity.read(file);
        } catch (JarIdentity.UnreadableJarException e) {
            identity = null;
        }
        String refusal = refusal(exception);
        String reason;
        String advice;
        if (kind == DeployProblem.Kind.INSTALL_FAILED) {
            reason = "FileInstall tried to install it and " + refusal;
            advice = "fix the jar (rebuild the plugin) and move it into the folder again: FileInstall does not try this"
                    + " file again until it changes";
        } else {
            reason = "it replaced the jar of an installed bundle, and FileInstall could not update that bundle with it: "
                    + refusal + ". The bundle keeps its previous content";
            advice = "fix the jar (rebuild the plugin) and move it over the old one again; until then the bundle"
                    + " installed from this file runs as before";
        }
        problems.found(new DeployProblem(path, kind, Instant.ofEpochMilli(time), file.length(), file.lastModified(),
                identity, reason, advice, null));
        return true;
    }

    /** The framework's (or FileInstall's) reason, in words; the exception's own message is quoted. */
    static String refusal(Throwable exception) {
        if (exception == null) {
            return "it failed without saying why (the server log may hold more)";
        }
        String message = messages(exception);
        if (message.contains(MANIFEST_NOT_FIRST)) {
            return "could not read its manifest: FileInstall reads jars as a stream and needs META-INF/ and"
                    + " META-INF/MANIFEST.MF as the first entries of the jar, and in this jar they are not (a jar"
                    + " written by a plain zip tool; the jar tool, bnd and Maven write the manifest first)";
        }
        return "the framework refused it: " + message;
    }

    /** The exception's message and its causes' messages that add something, without class names if possible. */
    private static String messages(Throwable exception) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = exception; t != null && depth < 8; t = t.getCause(), depth++) {
            String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}
