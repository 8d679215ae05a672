package io.weir.runtime.internal.lifecycle.deploy;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Why one file of a watched folder is not installed (or, for {@link Kind#UPDATE_FAILED}, not applied), as found.
 *
 * @param file      the file, absolute and normalized
 * @param kind      what kind of problem
 * @param since     when it was first found for this file
 * @param size      the file's size when found
 * @param modified  the file's modification time (epoch milliseconds) when found
 * @param identity  the bundle the jar says it is, or {@code null} when it cannot be read
 * @param reason    why, in plain words (a sentence without the file name)
 * @param advice    what the operator can do
 * @param otherFile for a duplicate: the file of the bundle it duplicates, or {@code null} when that is no file
 */
public record DeployProblem(Path file, Kind kind, Instant since, long size, long modified, JarIdentity identity,
        String reason, String advice, Path otherFile) {

    /** The kinds of deploy problems; the guard's own findings last until it looks at the file again. */
    public enum Kind {
        /** Not readable as a zip: cut short, damaged, or still being copied. */
        UNREADABLE("damaged or cut short", true),
        /** A readable jar that is not a valid bundle: no manifest, no symbolic name, a malformed version. */
        NOT_A_BUNDLE("not an OSGi bundle", true),
        /** Refused by the guard: another bundle has the same symbolic name and version. */
        DUPLICATE("refused: duplicate", true),
        /** FileInstall tried to install it and the framework refused it. */
        INSTALL_FAILED("install failed", false),
        /** It replaced an installed jar, and FileInstall could not update the bundle with it. */
        UPDATE_FAILED("update failed", false);

        private final String label;
        private final boolean foundByGuard;

        Kind(String label, boolean foundByGuard) {
            this.label = label;
            this.foundByGuard = foundByGuard;
        }

        /** A few words for listings. */
        public String label() {
            return label;
        }

        /**
         * True for what the guard finds: it holds until the guard looks at the file again (FileInstall hands it a
         * changed file once the file is stable). False for FileInstall's failures: they hold only while the file is
         * unchanged, because FileInstall retries a changed file without asking the guard.
         */
        public boolean foundByGuard() {
            return foundByGuard;
        }
    }

    /** The same problem, found earlier: keeps the first time it was seen. */
    DeployProblem since(Instant earlier) {
        return new DeployProblem(file, kind, earlier, size, modified, identity, reason, advice, otherFile);
    }
}
