package io.weir.runtime.internal.lifecycle.deploy;

import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Looks at each jar FileInstall is about to install from {@code deploy/} and decides whether it may go ahead.
 *
 * <ul>
 * <li>A jar that cannot be read as a bundle (cut short, damaged, not a bundle) is let through: FileInstall will
 *     not install it either and retries it every poll, silently. The guard tells the operator once, naming the file
 *     and the reason, and again only if the file changes.</li>
 * <li>A jar with the same symbolic name and version as an installed bundle from another file, or as another jar
 *     of the folder seen earlier, is refused: FileInstall would otherwise <em>update</em> that bundle with it, so
 *     two files would fight over one bundle. The message names both files.</li>
 * </ul>
 * Each finding is also kept in {@link DeployProblems} for the shell, until the file is fixed or removed.
 * Plain Java: the glue hands over the installed bundles; messages go to a consumer (the log).
 */
public final class DeployGuard {

    /** What FileInstall may do with a file. */
    public enum Verdict {
        /** Let FileInstall handle it as usual. */
        PASS,
        /** Do not install it: it duplicates another bundle. */
        REFUSE
    }

    private static final int MAX_REMEMBERED = 10_000;

    private final Consumer<String> operator;
    private final DeployProblems problems;
    /** Jars let through, with their identity when seen: a later jar with the same identity is a duplicate. */
    private final Map<Path, Seen> claims = new HashMap<>();
    /** What was told about each file, so that the same thing is not said on every poll. */
    private final Map<Path, String> told = new HashMap<>();

    /**
     * @param operator receives one line per problem found (the log's warning level)
     * @param problems where the problems found are kept for the shell
     */
    public DeployGuard(Consumer<String> operator, DeployProblems problems) {
        this.operator = operator;
        this.problems = problems;
    }

    /**
     * Decides for one file of a watched folder.
     *
     * @param file      the file FileInstall found
     * @param installed the bundles installed now
     */
    public synchronized Verdict inspect(File file, Collection<InstalledBundle> installed) {
        if (!file.getName().endsWith(".jar") || !file.isFile()) {
            return Verdict.PASS;
        }
        Path path = file.toPath().toAbsolutePath().normalize();
        forgetVanished();
        JarIdentity identity;
        try {
            identity = JarIdentity.read(file);
        } catch (JarIdentity.UnreadableJarException e) {
            claims.remove(path);
            tellOnce(path, file, path + " is not installed: " + e.getMessage() + ". FileInstall tries it again on every"
                    + " poll and installs it once it reads; copy jars beside the deploy folder and move them in, so"
                    + " that a half-copied jar is never seen");
            problems.found(e.damaged() ? unreadable(path, file, e.getMessage()) : notABundle(path, file, e.getMessage()));
            return Verdict.PASS;
        }
        Other other = duplicateOf(path, identity, installed);
        if (other != null) {
            claims.remove(path);
            tellOnce(path, file, path + " is refused: it is " + identity + ", the same symbolic name and version as "
                    + other.described() + ". FileInstall would have replaced that bundle with it. Keep one of the two"
                    + " files; to deploy this one instead, delete the other, then move this one into the folder again");
            problems.found(new DeployProblem(path, DeployProblem.Kind.DUPLICATE, problems.now(), file.length(),
                    file.lastModified(), identity, "it is " + identity + ", the same symbolic name and version as "
                    + other.described() + ". FileInstall would have replaced that bundle with this file, so two files"
                    + " would take turns over one bundle",
                    "keep one of the two files. To deploy this one instead, delete the other, then move this one into"
                    + " the folder again (or touch it); to run both, give this one another Bundle-Version",
                    other.file()));
            return Verdict.REFUSE;
        }
        told.remove(path);
        problems.cleared(path);
        if (claims.size() < MAX_REMEMBERED) {
            claims.put(path, new Seen(identity, file.length(), file.lastModified()));
        }
        return Verdict.PASS;
    }

    /**
     * Looks again at the jars it let through. FileInstall does not ask the guard about a jar it installed that has
     * changed since: if the new content cannot be read (a copy over the old jar that stalled or was cut off),
     * FileInstall uninstalls the bundle and then waits, silently, until the file changes again. The shell has this
     * run before it lists the problems, so that such a jar is listed too.
     */
    public synchronized void review() {
        for (Map.Entry<Path, Seen> claim : claims.entrySet()) {
            File file = claim.getKey().toFile();
            Seen seen = claim.getValue();
            if (!file.isFile() || !seen.changed(file)) {
                continue;
            }
            try {
                JarIdentity.read(file);
            } catch (JarIdentity.UnreadableJarException e) {
                String reason = e.getMessage() + "; it replaced the jar of " + seen.identity + ", so FileInstall"
                        + " uninstalls that bundle and installs nothing from this file until it changes again";
                problems.found(e.damaged() ? unreadable(claim.getKey(), file, reason)
                        : notABundle(claim.getKey(), file, reason));
            }
        }
    }

    private DeployProblem unreadable(Path path, File file, String reason) {
        DeployProblem earlier = problems.recorded(path);
        String changing = earlier != null && earlier.kind() == DeployProblem.Kind.UNREADABLE
                && earlier.size() != file.length()
                ? "; it has changed from " + earlier.size() + " to " + file.length() + " bytes since it was last"
                    + " looked at, so a copy may still be running"
                : "";
        return new DeployProblem(path, DeployProblem.Kind.UNREADABLE, problems.now(), file.length(),
                file.lastModified(), null, reason + changing,
                "if a copy is still running, wait: FileInstall tries the file again on every scan and installs it once"
                + " it reads. If it stays like this, the file is damaged: copy it again. Next time copy the jar beside"
                + " the folder and move it in, so that a half-copied jar is never seen", null);
    }

    private DeployProblem notABundle(Path path, File file, String reason) {
        return new DeployProblem(path, DeployProblem.Kind.NOT_A_BUNDLE, problems.now(), file.length(),
                file.lastModified(), null, reason,
                "only OSGi bundles belong in this folder: build the plugin with bnd (bnd-maven-plugin) so that its"
                + " manifest names and versions it, and embed plain libraries inside it. FileInstall tries the file"
                + " again on every scan; remove it or replace it with the bundle", null);
    }

    /** Names what already holds this identity: an installed bundle from another place, or another jar seen. */
    private Other duplicateOf(Path path, JarIdentity identity, Collection<InstalledBundle> installed) {
        for (InstalledBundle bundle : installed) {
            Path file = bundle.file();
            // A bundle whose jar left this folder (renamed or deleted) is uninstalled by the same scan.
            boolean leaving = file != null && path.getParent().equals(file.getParent()) && !file.toFile().exists();
            if (identity.symbolicName().equals(bundle.symbolicName()) && identity.version().equals(bundle.version())
                    && !path.equals(file) && !leaving) {
                return new Other(bundle.where() + " (bundle " + bundle.id() + ")", file);
            }
        }
        for (Map.Entry<Path, Seen> claim : claims.entrySet()) {
            // A claimed jar that cannot be read now claims nothing, but is kept: review() reports it.
            JarIdentity current = claim.getKey().equals(path) ? null
                    : claim.getValue().currentIdentity(claim.getKey().toFile());
            if (identity.equals(current)) {
                return new Other(claim.getKey().toString(), claim.getKey());
            }
        }
        return null;
    }

    /** What a refused jar duplicates: how to name it, and its file when it is one. */
    private record Other(String described, Path file) {
    }

    private void tellOnce(Path path, File file, String message) {
        String key = file.length() + "/" + file.lastModified() + "/" + message;
        if (!key.equals(told.get(path))) {
            if (told.size() < MAX_REMEMBERED) {
                told.put(path, key);
            }
            operator.accept(message);
        }
    }

    private void forgetVanished() {
        claims.keySet().removeIf(p -> !p.toFile().isFile());
        told.keySet().removeIf(p -> !p.toFile().isFile());
    }

    /** The files the guard currently counts as holding an identity (for tests and diagnostics). */
    synchronized Set<Path> claimed() {
        return new LinkedHashSet<>(claims.keySet());
    }

    /** A jar as it was when let through; re-read if it changed since. */
    private static final class Seen {
        private JarIdentity identity;
        private long size;
        private long modified;

        Seen(JarIdentity identity, long size, long modified) {
            this.identity = identity;
            this.size = size;
            this.modified = modified;
        }

        boolean changed(File file) {
            return file.length() != size || file.lastModified() != modified;
        }

        JarIdentity currentIdentity(File file) {
            if (!file.isFile()) {
                return null;
            }
            if (changed(file)) {
                try {
                    identity = JarIdentity.read(file);
                    size = file.length();
                    modified = file.lastModified();
                } catch (JarIdentity.UnreadableJarException e) {
                    return null;
                }
            }
            return identity;
        }
    }
}
