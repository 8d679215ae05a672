package io.weir.api.baseline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import aQute.bnd.version.Version;

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
    private static Parameters releasedExports;
    private static Version releasedBundle;

    @BeforeClass
    public static void openReleased() throws Exception {
        released = new Jar(BuildSettings.releasedJar());
        Attributes manifest = released.getManifest().getMainAttributes();
        releasedExports = OSGiHeader.parseHeader(manifest.getValue(Constants.EXPORT_PACKAGE));
        releasedBundle = Version.parseVersion(manifest.getValue(Constants.BUNDLE_VERSION));
    }

    @AfterClass
    public static void closeReleased() {
        released.close();
    }

    // Versions are relative to the release, so the proof holds however far the sources have moved on
    // compatibly: "without a bump" means "at the released version".

    private static Version released(String pkg) {
        return Version.parseVersion(releasedExports.get(pkg).getVersion());
    }

    private static String minorBump(Version v) {
        return new Version(v.getMajor(), v.getMinor() + 1, 0).toString();
    }

    private static String majorBump(Version v) {
        return new Version(v.getMajor() + 1, 0, 0).toString();
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

    /** An abstract method on Codec, a @ConsumerType without default methods. */
    private static ApiSources codecWithAbstractMethod() throws Exception {
        return copy().replace(CODEC, "    Encoder encoder(Map<String, Object> options);",
                "    Encoder encoder(Map<String, Object> options);\n\n    String describe();");
    }

    @Test
    public void abstractMethodOnConsumerTypeWithoutMajorBumpFails() throws Exception {
        ApiSources sources = codecWithAbstractMethod()
                .packageVersion("io.weir.api.codec", released("io.weir.api.codec").toString());

        BaselineReport report = baseline(sources, BuildSettings.bundleVersion());

        assertFalse(report.toString(), report.passes());
        BaselineReport.PackageVerdict codec = report.get("io.weir.api.codec").orElseThrow();
        assertTrue(report.toString(), codec.mismatch());
        assertEquals("MAJOR", codec.delta());
        assertEquals(majorBump(released("io.weir.api.codec")), codec.suggested());
        assertEquals(List.of(codec), report.mismatches());
    }

    @Test
    public void removedMethodWithoutMajorBumpFails() throws Exception {
        ApiSources sources = copy().replace(SOURCE_CONTEXT, "    void connectionLost(String reason);", "")
                .packageVersion("io.weir.api.connector", released("io.weir.api.connector").toString());

        BaselineReport report = baseline(sources, BuildSettings.bundleVersion());

        BaselineReport.PackageVerdict connector = report.get("io.weir.api.connector").orElseThrow();
        assertTrue(report.toString(), connector.mismatch());
        assertEquals(majorBump(released("io.weir.api.connector")), connector.suggested());
        assertFalse(report.passes());
    }

    @Test
    public void incompatibleChangeWithMajorBumpPasses() throws Exception {
        ApiSources sources = codecWithAbstractMethod()
                .packageVersion("io.weir.api.codec", majorBump(released("io.weir.api.codec")));

        BaselineReport report = baseline(sources, majorBump(releasedBundle) + ".SNAPSHOT");

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
                .packageVersion("io.weir.api.connector", minorBump(released("io.weir.api.connector")))
                .packageVersion("io.weir.api.codec", minorBump(released("io.weir.api.codec")));

        BaselineReport report = baseline(sources, minorBump(releasedBundle) + ".SNAPSHOT");

        assertTrue(report.toString(), report.passes());
        assertEquals("MINOR", report.get("io.weir.api.connector").orElseThrow().delta());
        assertEquals("MINOR", report.get("io.weir.api.codec").orElseThrow().delta());
    }

    @Test
    public void compatibleAdditionWithoutMinorBumpFails() throws Exception {
        ApiSources sources = compatibleAdditions()
                .packageVersion("io.weir.api.connector", released("io.weir.api.connector").toString())
                .packageVersion("io.weir.api.codec", released("io.weir.api.codec").toString());

        BaselineReport report = baseline(sources, minorBump(releasedBundle) + ".SNAPSHOT");

        assertFalse(report.toString(), report.passes());
        assertFalse("only the packages are wrong here:\n" + report, report.bundleMismatch());
        for (String pkg : List.of("io.weir.api.connector", "io.weir.api.codec")) {
            BaselineReport.PackageVerdict verdict = report.get(pkg).orElseThrow();
            assertTrue(report.toString(), verdict.mismatch());
            assertEquals(minorBump(released(pkg)), verdict.suggested());
        }
    }

    @Test
    public void compatibleAdditionWithoutProjectVersionBumpFails() throws Exception {
        ApiSources sources = compatibleAdditions()
                .packageVersion("io.weir.api.connector", minorBump(released("io.weir.api.connector")))
                .packageVersion("io.weir.api.codec", minorBump(released("io.weir.api.codec")));

        BaselineReport report = baseline(sources, releasedBundle + ".SNAPSHOT");

        assertTrue("a minor API change needs a minor bundle version:\n" + report, report.bundleMismatch());
        assertFalse(report.passes());
    }

    @Test
    public void abstractMethodOnConsumerTypeWithDefaultMethodsNeedsMajorBump() throws Exception {
        // Source has default methods: bnd 7.3.0 rates this addition MINOR, ConsumerTypeGuard does not.
        String connector = "io.weir.api.connector";
        ApiSources sources = copy().replace(SOURCE, "    void close() throws Exception;\n}",
                "    void close() throws Exception;\n\n    void checkpoint();\n}")
                .packageVersion(connector, released(connector).toString());

        try (Jar newer = build(sources, BuildSettings.bundleVersion())) {
            BaselineReport report = BaselineReport.of(newer, released);
            assertTrue(report.toString(), report.get(connector).orElseThrow().mismatch());
        }
        sources.packageVersion(connector, minorBump(released(connector)));
        try (Jar newer = build(sources, minorBump(releasedBundle) + ".SNAPSHOT")) {
            List<String> violations = ConsumerTypeGuard.violations(newer, released);
            assertEquals(violations.toString(), 1, violations.size());
            assertTrue(violations.get(0), violations.get(0).contains("io.weir.api.connector.Source")
                    && violations.get(0).contains("checkpoint()")
                    && violations.get(0).contains(majorBump(released(connector))));
        }
        sources.packageVersion(connector, majorBump(released(connector)));
        try (Jar newer = build(sources, majorBump(releasedBundle) + ".SNAPSHOT")) {
            assertEquals(List.of(), ConsumerTypeGuard.violations(newer, released));
            assertTrue(BaselineReport.of(newer, released).passes());
        }
    }

    @Test
    public void abstractMethodOnProviderTypeNeedsOnlyMinorBump() throws Exception {
        ApiSources sources = copy()
                .replace(SOURCE_CONTEXT, "    long closeTimeoutMillis();",
                        "    long closeTimeoutMillis();\n\n    /** @return the flow's name */\n    String flow();")
                .packageVersion("io.weir.api.connector", minorBump(released("io.weir.api.connector")));

        try (Jar newer = build(sources, minorBump(releasedBundle) + ".SNAPSHOT")) {
            assertEquals(List.of(), ConsumerTypeGuard.violations(newer, released));
            BaselineReport report = BaselineReport.of(newer, released);
            assertTrue(report.toString(), report.passes());
        }
    }
}
