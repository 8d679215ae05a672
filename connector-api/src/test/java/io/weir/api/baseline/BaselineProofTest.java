package io.weir.api.baseline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import aQute.bnd.osgi.Jar;

/**
 * Proves that the baseline check protects plugin authors: each test edits a copy of the API sources
 * as a developer might, builds it as the Maven build does, and asks bnd's baseline (the engine of
 * bnd-baseline-maven-plugin) whether the build would pass against the released API.
 */
public class BaselineProofTest {
    private static final String CODEC = "io/weir/api/codec/Codec.java";
    private static final String SOURCE = "io/weir/api/connector/Source.java";
    private static final String SINK = "io/weir/api/connector/Sink.java";
    private static final String SOURCE_CONTEXT = "io/weir/api/connector/SourceContext.java";

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static Jar released;

    @BeforeClass
    public static void openReleased() throws Exception {
        released = new Jar(BuildSettings.releasedJar());
    }

    @AfterClass
    public static void closeReleased() {
        released.close();
    }

    private static ApiSources copy() throws Exception {
        Path dir = TMP.newFolder().toPath();
        return ApiSources.copy(BuildSettings.sources(), dir.resolve("src"));
    }

    private static Jar build(ApiSources sources, String bundleVersion) throws Exception {
        return BuildSettings.bundleBuilder().build(sources.root(), sources.root().getParent(), bundleVersion);
    }

    private static BaselineReport baseline(ApiSources sources, String bundleVersion) throws Exception {
        try (Jar newer = build(sources, bundleVersion)) {
            return BaselineReport.of(newer, released);
        }
    }

    @Test
    public void unchangedApiWithSnapshotVersionPasses() throws Exception {
        BaselineReport report = baseline(copy(), BuildSettings.bundleVersion());

        assertTrue("the unchanged API must pass against its release:\n" + report, report.passes());
    }

    @Test
    public void abstractMethodOnConsumerTypeWithoutMajorBumpFails() throws Exception {
        ApiSources sources = copy().replace(CODEC, "    Encoder encoder(Map<String, Object> options);",
                "    Encoder encoder(Map<String, Object> options);\n\n    String describe();");

        BaselineReport report = baseline(sources, BuildSettings.bundleVersion());

        assertFalse(report.toString(), report.passes());
        BaselineReport.PackageVerdict codec = report.get("io.weir.api.codec").orElseThrow();
        assertTrue(report.toString(), codec.mismatch());
        assertEquals("MAJOR", codec.delta());
        assertEquals("2.0.0", codec.suggested());
        assertEquals(List.of(codec), report.mismatches());
    }

    @Test
    public void removedMethodWithoutMajorBumpFails() throws Exception {
        ApiSources sources = copy().replace(SOURCE_CONTEXT, "    void connectionLost(String reason);", "");

        BaselineReport report = baseline(sources, BuildSettings.bundleVersion());

        BaselineReport.PackageVerdict connector = report.get("io.weir.api.connector").orElseThrow();
        assertTrue(report.toString(), connector.mismatch());
        assertEquals("2.0.0", connector.suggested());
        assertFalse(report.passes());
    }

    @Test
    public void incompatibleChangeWithMajorBumpPasses() throws Exception {
        ApiSources sources = copy().replace(CODEC, "    Encoder encoder(Map<String, Object> options);",
                "    Encoder encoder(Map<String, Object> options);\n\n    String describe();")
                .packageVersion("io.weir.api.codec", "2.0.0");

        BaselineReport report = baseline(sources, "2.0.0.SNAPSHOT");

        assertTrue(report.toString(), report.passes());
    }

    /** A default method on a consumer interface and a new class, in two packages. */
    private static ApiSources compatibleAdditions() throws Exception {
        return copy()
                .replace(SINK, "    void close() throws Exception;\n}",
                        "    void close() throws Exception;\n\n"
                                + "    /** @return whether the sink takes events now */\n"
                                + "    default boolean ready() {\n        return true;\n    }\n}")
                .add("io/weir/api/codec/CodecNames.java", "package io.weir.api.codec;\n\n"
                        + "/** Names of the built-in codecs. */\n"
                        + "public final class CodecNames {\n"
                        + "    /** JSON. */\n    public static final String JSON = \"json\";\n\n"
                        + "    private CodecNames() {\n    }\n}\n");
    }

    @Test
    public void compatibleAdditionWithMinorBumpPasses() throws Exception {
        ApiSources sources = compatibleAdditions()
                .packageVersion("io.weir.api.connector", "1.1.0")
                .packageVersion("io.weir.api.codec", "1.1.0");

        BaselineReport report = baseline(sources, "1.1.0.SNAPSHOT");

        assertTrue(report.toString(), report.passes());
        assertEquals("MINOR", report.get("io.weir.api.connector").orElseThrow().delta());
        assertEquals("MINOR", report.get("io.weir.api.codec").orElseThrow().delta());
    }

    @Test
    public void compatibleAdditionWithoutMinorBumpFails() throws Exception {
        BaselineReport report = baseline(compatibleAdditions(), "1.1.0.SNAPSHOT");

        assertFalse(report.toString(), report.passes());
        assertFalse("only the packages are wrong here:\n" + report, report.bundleMismatch());
        for (String pkg : List.of("io.weir.api.connector", "io.weir.api.codec")) {
            BaselineReport.PackageVerdict verdict = report.get(pkg).orElseThrow();
            assertTrue(report.toString(), verdict.mismatch());
            assertEquals("1.1.0", verdict.suggested());
        }
    }

    @Test
    public void compatibleAdditionWithoutProjectVersionBumpFails() throws Exception {
        ApiSources sources = compatibleAdditions()
                .packageVersion("io.weir.api.connector", "1.1.0")
                .packageVersion("io.weir.api.codec", "1.1.0");

        BaselineReport report = baseline(sources, BuildSettings.bundleVersion());

        assertTrue("a minor API change needs a minor bundle version:\n" + report, report.bundleMismatch());
        assertFalse(report.passes());
    }

    @Test
    public void abstractMethodOnConsumerTypeWithDefaultMethodsNeedsMajorBump() throws Exception {
        // Source has default methods: bnd 7.3.0 rates this addition MINOR, ConsumerTypeGuard does not.
        ApiSources sources = copy().replace(SOURCE, "    void close() throws Exception;\n}",
                "    void close() throws Exception;\n\n    void checkpoint();\n}");

        try (Jar newer = build(sources, BuildSettings.bundleVersion())) {
            BaselineReport report = BaselineReport.of(newer, released);
            assertTrue(report.toString(), report.get("io.weir.api.connector").orElseThrow().mismatch());
        }
        sources.packageVersion("io.weir.api.connector", "1.1.0");
        try (Jar newer = build(sources, "1.1.0.SNAPSHOT")) {
            List<String> violations = ConsumerTypeGuard.violations(newer, released);
            assertEquals(violations.toString(), 1, violations.size());
            assertTrue(violations.get(0), violations.get(0).contains("io.weir.api.connector.Source")
                    && violations.get(0).contains("checkpoint()") && violations.get(0).contains("2.0.0"));
        }
        sources.packageVersion("io.weir.api.connector", "2.0.0");
        try (Jar newer = build(sources, "2.0.0.SNAPSHOT")) {
            assertEquals(List.of(), ConsumerTypeGuard.violations(newer, released));
            assertTrue(BaselineReport.of(newer, released).passes());
        }
    }

    @Test
    public void abstractMethodOnProviderTypeNeedsOnlyMinorBump() throws Exception {
        ApiSources sources = copy()
                .replace(SOURCE_CONTEXT, "    long closeTimeoutMillis();",
                        "    long closeTimeoutMillis();\n\n    /** @return the flow's name */\n    String flow();")
                .packageVersion("io.weir.api.connector", "1.1.0");

        try (Jar newer = build(sources, "1.1.0.SNAPSHOT")) {
            assertEquals(List.of(), ConsumerTypeGuard.violations(newer, released));
            BaselineReport report = BaselineReport.of(newer, released);
            assertTrue(report.toString(), report.passes());
        }
    }
}
