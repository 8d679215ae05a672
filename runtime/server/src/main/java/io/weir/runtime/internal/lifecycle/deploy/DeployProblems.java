package io.weir.runtime.internal.lifecycle.deploy;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current deploy problems, one per file: what the guard found (unreadable, not a bundle, duplicate) and what
 * FileInstall failed to install or update. Entries are dropped when their file is removed, when the guard passes the
 * file, or, for FileInstall's failures, when the file changes (FileInstall then tries it again). Thread-safe: the
 * guard writes from FileInstall's scan thread, the log from the logging thread, the shell reads.
 */
public final class DeployProblems {

    /** More problem files than any folder should hold; beyond this new ones are not kept (they are still logged). */
    static final int MAX_KEPT = 1_000;

    private final Clock clock;
    private final Map<Path, DeployProblem> problems = new LinkedHashMap<>();
    private volatile Runnable review = () -> { };

    /** Problems timed by the system clock. */
    public DeployProblems() {
        this(Clock.systemUTC());
    }

    /** Problems timed by this clock (tests). */
    public DeployProblems(Clock clock) {
        this.clock = clock;
    }

    /**
     * Has this run (outside the lock) each time the problems are read: the guard's second look at jars FileInstall
     * does not show it again.
     */
    public void reviewBy(Runnable review) {
        this.review = review;
    }

    /** The time a problem found now is stamped with. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Records a problem for its file, replacing what was known about that file; a problem of the same kind keeps
     * the time it was first found.
     */
    public synchronized void found(DeployProblem problem) {
        DeployProblem earlier = problems.get(problem.file());
        if (earlier != null && earlier.kind() == problem.kind()) {
            problem = problem.since(earlier.since());
        } else if (earlier == null && problems.size() >= MAX_KEPT) {
            return;
        }
        problems.put(problem.file(), problem);
    }

    /** Forgets the problem of this file: it was fixed, or is being looked at afresh. */
    public synchronized void cleared(Path file) {
        problems.remove(file);
    }

    /** The problem recorded for this file, as recorded, or {@code null}. */
    public synchronized DeployProblem recorded(Path file) {
        return problems.get(file);
    }

    /** The problems that still hold, by folder and file name; forgets those that no longer do. */
    public List<DeployFinding> current() {
        review.run();
        return holding();
    }

    private synchronized List<DeployFinding> holding() {
        List<DeployFinding> current = new ArrayList<>();
        problems.values().removeIf(p -> !p.file().toFile().isFile());
        problems.values().removeIf(p -> !p.kind().foundByGuard() && changed(p));
        for (DeployProblem problem : problems.values()) {
            File file = problem.file().toFile();
            boolean otherGone = problem.otherFile() != null && !problem.otherFile().toFile().exists();
            current.add(new DeployFinding(problem, changed(problem), file.length(), otherGone));
        }
        current.sort(Comparator.comparing((DeployFinding f) -> String.valueOf(f.problem().file().getParent()))
                .thenComparing(DeployFinding::fileName));
        return current;
    }

    /**
     * The current problems of the file the operator named: its file name (as {@code weir:plugins} lists it) or its
     * path, absolute or relative to the working directory.
     */
    public List<DeployFinding> named(String name) {
        String key = name == null ? "" : name.trim();
        if (key.isEmpty()) {
            return List.of();
        }
        Path asPath = asPath(key);
        List<DeployFinding> named = new ArrayList<>();
        for (DeployFinding finding : current()) {
            if (finding.fileName().equals(key) || finding.problem().file().equals(asPath)) {
                named.add(finding);
            }
        }
        return named;
    }

    /** A name the operator typed as an absolute, normalized path (relative to the working directory), or null. */
    public static Path asPath(String name) {
        try {
            return Paths.get(name).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean changed(DeployProblem problem) {
        File file = problem.file().toFile();
        return file.length() != problem.size() || file.lastModified() != problem.modified();
    }
}
