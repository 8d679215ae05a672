package io.weir.runtime.internal.diag;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.osgi.framework.Version;

public class ImportDiagnosticsTest {

    private static final BundleRef PLUGIN = new BundleRef(14, "com.acme.sink", "2.0.0");
    private static final BundleRef API = new BundleRef(3, "io.weir.connector-api", "1.0.0");
    private static final BundleRef SYSTEM = new BundleRef(0, "org.apache.felix.framework", "7.0.5");

    private static PackageExport export(String pkg, String version, BundleRef from) {
        return new PackageExport(pkg, Version.parseVersion(version), from, true);
    }

    private static List<String> diagnose(String importHeader, PackageExport... exports) {
        return ImportDiagnostics.unsatisfied(PLUGIN, ImportPackageParser.parse(importHeader), List.of(exports));
    }

    @Test
    public void compatibleImportsGiveNoMessage() {
        assertEquals(List.of(), diagnose(
                "io.weir.api.connector;version=\"[1.0,2)\",io.weir.api.event;version=\"[1.0,1.1)\",javax.script",
                export("io.weir.api.connector", "1.3.0", API),
                export("io.weir.api.event", "1.0.0", API),
                export("javax.script", "0.0.0.JavaSE_017", SYSTEM)));
    }

    @Test
    public void newerMajorOfTheApi() {
        assertEquals(List.of("needs io.weir.api.connector [2.0.0,3.0.0) but this server provides io.weir.api.connector 1.0.0"
                + " — rebuild the plugin against connector-api 1.x or upgrade Weir"),
                diagnose("io.weir.api.connector;version=\"[2.0,3)\"", export("io.weir.api.connector", "1.0.0", API)));
    }

    @Test
    public void newerMinorThanTheServerHas() {
        assertEquals(List.of("needs io.weir.api.connector [1.2.0,2.0.0) but this server provides io.weir.api.connector 1.0.0"
                + " — rebuild the plugin against connector-api 1.0 or upgrade Weir to one that provides"
                + " io.weir.api.connector 1.2"),
                diagnose("io.weir.api.connector;version=\"[1.2,2)\"", export("io.weir.api.connector", "1.0.0", API)));
    }

    @Test
    public void olderMajorThanTheServerHas() {
        assertEquals(List.of("needs io.weir.api.codec [1.0.0,2.0.0) but this server provides io.weir.api.codec 2.1.0"
                + " — the plugin was built for the older io.weir.api.codec 1.x; rebuild it against connector-api 2.x"),
                diagnose("io.weir.api.codec;version=\"[1.0,2)\"", export("io.weir.api.codec", "2.1.0", API)));
    }

    @Test
    public void providerRangeThatTheServerOutgrew() {
        // A plugin that implements a @ProviderType interface asks for [1.0,1.1); the server moved on to 1.1.
        assertEquals(List.of("needs io.weir.api.operator [1.0.0,1.1.0) but this server provides io.weir.api.operator 1.1.0"
                + " — rebuild the plugin against connector-api 1.1"),
                diagnose("io.weir.api.operator;version=\"[1.0,1.1)\"", export("io.weir.api.operator", "1.1.0", API)));
    }

    @Test
    public void apiPackageTheServerDoesNotHave() {
        assertEquals(List.of("needs io.weir.api.metrics [1.0.0,2.0.0) but this server has no io.weir.api.metrics at all"
                + " — upgrade Weir to a version that provides it"),
                diagnose("io.weir.api.metrics;version=\"[1.0,2)\"", export("io.weir.api.connector", "1.0.0", API)));
    }

    @Test
    public void missingNonApiPackage() {
        assertEquals(List.of("needs package org.foo [1.2.0,2.0.0) which no installed bundle exports"
                + " — deploy a bundle that exports it, or embed the library in the plugin"),
                diagnose("org.foo;version=\"[1.2,2)\""));
    }

    @Test
    public void nonApiPackageInTheWrongVersion() {
        BundleRef lib = new BundleRef(7, "org.foo.lib", "1.0.3");
        assertEquals(List.of("needs package org.foo [1.2.0,2.0.0) but the installed bundles export only"
                + " org.foo 1.0.0 from org.foo.lib 1.0.3 (id 7)"
                + " — deploy a bundle that exports a version in that range, or rebuild the plugin against org.foo 1.0.0"),
                diagnose("org.foo;version=\"[1.2,2)\"", export("org.foo", "1.0.0", lib)));
    }

    @Test
    public void versionedImportOfAJavaPackage() {
        assertEquals(List.of("needs package javax.script [1.0.0,2.0.0) but the Java runtime exports javax.script only as"
                + " version 0.0.0.JavaSE_017 — rebuild the plugin so that it imports javax.script without a version range"),
                diagnose("javax.script;version=\"[1.0,2)\"", export("javax.script", "0.0.0.JavaSE_017", SYSTEM)));
    }

    @Test
    public void exporterThatIsNotResolvedItself() {
        BundleRef lib = new BundleRef(9, "org.foo.lib", "1.5.0");
        List<String> messages = diagnose("org.foo;version=\"[1.2,2)\"",
                new PackageExport("org.foo", Version.parseVersion("1.5.0"), lib, false));
        assertEquals(List.of("needs package org.foo [1.2.0,2.0.0) which only org.foo.lib 1.5.0 (id 9) exports,"
                + " and that bundle is not resolved either — see weir:diag 9"), messages);
    }

    @Test
    public void ownExportSatisfiesItsOwnImport() {
        // bnd imports the packages a bundle exports; the bundle's own (unresolved) export substitutes.
        assertEquals(List.of(), diagnose("com.acme.sink.api;version=\"[2.0,3)\"",
                new PackageExport("com.acme.sink.api", Version.parseVersion("2.0.0"), PLUGIN, false)));
    }

    @Test
    public void emptyRangeIsABrokenManifest() {
        assertEquals(List.of("needs package org.foo [2.0.0,1.0.0), a range that no version can match"
                + " — the plugin's manifest is broken; rebuild it"),
                diagnose("org.foo;version=\"[2,1)\"", export("org.foo", "1.5.0", API)));
    }

    @Test
    public void optionalImportsNeverBlock() {
        assertEquals(List.of(), diagnose("org.foo;version=\"[1.2,2)\";resolution:=optional"));
    }

    @Test
    public void reportsEveryUnmetImportInOrder() {
        List<String> messages = diagnose("io.weir.api.connector;version=\"[2.0,3)\",org.foo,org.slf4j;version=\"[2,3)\"",
                export("io.weir.api.connector", "1.0.0", API),
                export("org.slf4j", "2.0.17", new BundleRef(2, "slf4j.api", "2.0.17")));
        assertEquals(2, messages.size());
        assertTrue(messages.get(0), messages.get(0).startsWith("needs io.weir.api.connector [2.0.0,3.0.0)"));
        assertTrue(messages.get(1), messages.get(1).startsWith("needs package org.foo (any version) which no installed"));
    }
}
