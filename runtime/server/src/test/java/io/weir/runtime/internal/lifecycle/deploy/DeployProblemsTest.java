package io.weir.runtime.internal.lifecycle.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Version;

/** Keeping deploy problems: what holds, what is forgotten, and how the operator names a file. */
public class DeployProblemsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final MovableClock clock = new MovableClock();
    private final DeployProblems problems = new DeployProblems(clock);

    @Test
    public void theSameProblemKeepsWhenItWasFirstFoundAnotherStartsAfresh() throws Exception {
        Path jar = file("a.jar", 10);
        Instant first = clock.instant();
        problems.found(problem(jar, DeployProblem.Kind.UNREADABLE, "cut short"));
        clock.advance(Duration.ofMinutes(2));
        problems.found(problem(jar, DeployProblem.Kind.UNREADABLE, "still cut short"));
        DeployProblem kept = problems.recorded(jar);
        assertEquals(first, kept.since());
        assertEquals("the newest words", "still cut short", kept.reason());

        clock.advance(Duration.ofMinutes(1));
        problems.found(problem(jar, DeployProblem.Kind.DUPLICATE, "a duplicate"));
        assertEquals(clock.instant(), problems.recorded(jar).since());
        assertEquals(1, problems.current().size());
    }

    @Test
    public void aRemovedFileOrAClearedOneIsForgotten() throws Exception {
        Path a = file("a.jar", 10);
        Path b = file("b.jar", 10);
        problems.found(problem(a, DeployProblem.Kind.NOT_A_BUNDLE, "no name"));
        problems.found(problem(b, DeployProblem.Kind.INSTALL_FAILED, "refused"));
        Files.delete(a);
        problems.cleared(b);
        assertEquals(List.of(), problems.current());
        assertNull("forgotten, not only hidden", problems.recorded(a));
    }

    @Test
    public void fileInstallsFailureHoldsOnlyWhileTheFileIsUnchanged() throws Exception {
        Path jar = file("a.jar", 10);
        problems.found(problem(jar, DeployProblem.Kind.INSTALL_FAILED, "refused"));
        assertEquals(1, problems.current().size());
        Files.write(jar, new byte[20]);
        assertEquals("FileInstall tries a changed file again", List.of(), problems.current());
        assertNull(problems.recorded(jar));
    }

    @Test
    public void theGuardsFindingHoldsWhileTheFileChangesAndSaysSo() throws Exception {
        Path jar = file("a.jar", 10);
        problems.found(problem(jar, DeployProblem.Kind.UNREADABLE, "cut short"));
        assertFalse(problems.current().get(0).fileChanged());
        Files.write(jar, new byte[30]);
        DeployFinding finding = problems.current().get(0);
        assertTrue("a copy still running", finding.fileChanged());
        assertEquals(30, finding.currentSize());
        assertEquals(10, finding.problem().size());
    }

    @Test
    public void aDuplicateKnowsWhenTheFileItDuplicatedIsGone() throws Exception {
        Path kept = file("kept.jar", 10);
        Path refused = file("refused.jar", 10);
        problems.found(new DeployProblem(refused, DeployProblem.Kind.DUPLICATE, clock.instant(), 10,
                refused.toFile().lastModified(), new JarIdentity("com.acme", Version.emptyVersion), "same", "keep one",
                kept));
        assertFalse(problems.current().get(0).otherGone());
        Files.delete(kept);
        assertTrue(problems.current().get(0).otherGone());
    }

    @Test
    public void theOperatorNamesAFileByItsNameOrPath() throws Exception {
        Path jar = file("a.jar", 10);
        problems.found(problem(jar, DeployProblem.Kind.UNREADABLE, "cut short"));
        assertEquals(1, problems.named("a.jar").size());
        assertEquals(1, problems.named(" " + jar + " ").size());
        assertEquals(1, problems.named(jar.getParent() + "/./a.jar").size());
        assertEquals(List.of(), problems.named("b.jar"));
        assertEquals(List.of(), problems.named(""));
        assertEquals(List.of(), problems.named(null));
    }

    @Test
    public void theListIsSortedByFolderAndNameAndBounded() throws Exception {
        File other = folder.newFolder("other");
        Path b = file("b.jar", 1);
        Path a = file("a.jar", 1);
        Path c = Files.write(other.toPath().resolve("c.jar"), new byte[1]);
        for (Path p : List.of(c, b, a)) {
            problems.found(problem(p, DeployProblem.Kind.UNREADABLE, "x"));
        }
        assertEquals(List.of(a, b, c), problems.current().stream().map(f -> f.problem().file())
                .collect(Collectors.toList()));

        for (int i = problems.current().size(); i < DeployProblems.MAX_KEPT; i++) {
            problems.found(problem(a.resolveSibling("n" + i + ".jar"), DeployProblem.Kind.UNREADABLE, "x"));
        }
        Path oneMore = file("z.jar", 1);
        problems.found(problem(oneMore, DeployProblem.Kind.UNREADABLE, "x"));
        assertNull("beyond the bound nothing new is kept", problems.recorded(oneMore));
        problems.found(problem(a, DeployProblem.Kind.DUPLICATE, "y"));
        assertEquals("a file already known is still updated", DeployProblem.Kind.DUPLICATE, problems.recorded(a).kind());
    }

    private Path file(String name, int size) throws Exception {
        return Files.write(folder.getRoot().toPath().resolve(name), new byte[size]).toAbsolutePath().normalize();
    }

    private DeployProblem problem(Path file, DeployProblem.Kind kind, String reason) {
        File f = file.toFile();
        return new DeployProblem(file, kind, clock.instant(), f.length(), f.lastModified(), null, reason, "advice", null);
    }
}
