package io.weir.runtime.internal.diag;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Version;

import io.weir.runtime.internal.lifecycle.deploy.DeployFinding;
import io.weir.runtime.internal.lifecycle.deploy.DeployProblem;
import io.weir.runtime.internal.lifecycle.deploy.JarIdentity;

/** How the shell shows the jars of the watched folders that are not installed. */
public class DeployReportTest {

    private static final Instant FOUND = Instant.parse("2026-11-22T11:02:03Z");
    private static final Path DEPLOY = Paths.get("/opt/weir/deploy");
    private static final JarIdentity DUP = new JarIdentity("com.acme.dup", new Version(1, 0, 0));

    private static DeployFinding duplicate(boolean otherGone) {
        return new DeployFinding(new DeployProblem(DEPLOY.resolve("dup-b.jar"), DeployProblem.Kind.DUPLICATE, FOUND,
                16892, 0, DUP, "it is com.acme.dup 1.0.0, the same symbolic name and version as"
                        + " /opt/weir/deploy/dup-a.jar (bundle 42)", "keep one of the two files",
                DEPLOY.resolve("dup-a.jar")), false, 16892, otherGone);
    }

    private static DeployFinding cutShort(Path folder, boolean changing) {
        return new DeployFinding(new DeployProblem(folder.resolve("late.jar"), DeployProblem.Kind.UNREADABLE, FOUND,
                8192, 0, null, "it is not a readable jar (zip END header not found): a damaged file, or one still"
                        + " being copied", "if a copy is still running, wait", null), changing, 12000, false);
    }

    @Test
    public void theSectionListsEachFileByFolder() {
        String section = DeployReport.section(List.of(cutShort(DEPLOY, false), duplicate(false),
                cutShort(Paths.get("/srv/more"), true)), ZoneOffset.UTC);
        assertEquals("\n"
                + "Not installed from /opt/weir/deploy (2; weir:diag <file> explains one):\n"
                + "  FILE       SINCE                PROBLEM               BUNDLE\n"
                + "  late.jar   2026-11-22 11:02:03  damaged or cut short  -\n"
                + "  dup-b.jar  2026-11-22 11:02:03  refused: duplicate    com.acme.dup 1.0.0\n"
                + "\n"
                + "Not installed from /srv/more (1; weir:diag <file> explains one):\n"
                + "  FILE      SINCE                PROBLEM                                                          BUNDLE\n"
                + "  late.jar  2026-11-22 11:02:03  damaged or cut short, file changing since (copy still running?)  -\n",
                section);
        assertEquals("nothing to say when every file is installed", "", DeployReport.section(List.of(), ZoneOffset.UTC));
    }

    @Test
    public void detailExplainsOneFileWithWhyAndWhatToDo() {
        assertEquals(""
                + "File /opt/weir/deploy/dup-b.jar: not installed\n"
                + "  Problem:   refused: duplicate\n"
                + "  Since:     2026-11-22 11:02:03 (4 min ago)\n"
                + "  Bundle:    com.acme.dup 1.0.0\n"
                + "  Size:      16892 bytes when found\n"
                + "\n"
                + "Why: it is com.acme.dup 1.0.0, the same symbolic name and version as /opt/weir/deploy/dup-a.jar"
                + " (bundle 42).\n"
                + "\n"
                + "What to do: keep one of the two files.\n",
                DeployReport.detail(duplicate(false), FOUND.plusSeconds(245), ZoneOffset.UTC));
    }

    @Test
    public void detailFollowsWhatHappenedSince() {
        String gone = DeployReport.detail(duplicate(true), FOUND, ZoneOffset.UTC);
        assertEquals(gone, "  Problem:   refused: duplicate, the other file is gone now", gone.lines().skip(1)
                .findFirst().orElseThrow());
        assertEquals(gone, "What to do: the file it duplicated, /opt/weir/deploy/dup-a.jar, is gone. This file is not"
                + " looked at again until it changes: move it into the folder again (or touch it) to install it.",
                gone.lines().reduce((a, b) -> b).orElseThrow());

        String changing = DeployReport.detail(cutShort(DEPLOY, true), FOUND, ZoneOffset.UTC);
        assertEquals(changing, "  Bundle:    unknown: the jar does not say", changing.lines().skip(3).findFirst()
                .orElseThrow());
        assertEquals(changing, "  Size:      8192 bytes when found, 12000 bytes now", changing.lines().skip(4)
                .findFirst().orElseThrow());
        assertEquals(changing, "What to do: wait until the file stops changing: FileInstall looks at it again once"
                + " its size and time stay the same for a scan, and this entry then goes or says what is still wrong.",
                changing.lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    public void aFailedUpdateIsNotAppliedRatherThanNotInstalled() {
        DeployFinding update = new DeployFinding(new DeployProblem(DEPLOY.resolve("tcp.jar"),
                DeployProblem.Kind.UPDATE_FAILED, FOUND, 1, 0, DUP, "it replaced", "fix it", null), false, 1, false);
        assertEquals("File /opt/weir/deploy/tcp.jar: not applied (the bundle keeps its previous content)",
                DeployReport.detail(update, FOUND, ZoneOffset.UTC).lines().findFirst().orElseThrow());
    }
}
