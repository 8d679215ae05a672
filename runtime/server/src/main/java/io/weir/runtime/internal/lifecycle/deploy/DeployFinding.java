package io.weir.runtime.internal.lifecycle.deploy;

/**
 * A deploy problem as it stands when the operator asks.
 *
 * @param problem     what was found
 * @param fileChanged the file's size or time differs from when it was found: FileInstall will look at it again
 *                    once it stops changing (a copy still running)
 * @param currentSize the file's size now
 * @param otherGone   for a duplicate: the file it duplicated is gone, so this one may go in now
 */
public record DeployFinding(DeployProblem problem, boolean fileChanged, long currentSize, boolean otherGone) {

    /** The file name, the way the operator names it to {@code weir:diag}. */
    public String fileName() {
        return problem.file().getFileName().toString();
    }
}
