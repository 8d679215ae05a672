package io.weir.runtime.internal.diag;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

public class RenderingTest {

    private static final BundleRef API = new BundleRef(3, "io.weir.connector-api", "1.0.0");

    private static WiredImport wired(String pkg, String range, String version) {
        PackageImport imp = new PackageImport(pkg, VersionRange.valueOf(range), false);
        return version == null ? new WiredImport(imp, null, null) : new WiredImport(imp, Version.parseVersion(version), API);
    }

    @Test
    public void tableAlignsColumnsAndLeavesTheLastOneUnpadded() {
        String table = new TextTable("ID", "NAME", "NOTE")
                .row(1, "short", "x")
                .row(12345, "a much longer name", null)
                .note("detail under the second row")
                .render("  ");
        assertEquals(""
                + "  ID     NAME                NOTE\n"
                + "  1      short               x\n"
                + "  12345  a much longer name  -\n"
                + "      detail under the second row\n", table);
    }

    @Test
    public void pluginListingShowsOneLinePerPluginThenProblems() {
        PluginInfo running = new PluginInfo(new BundleRef(12, "io.weir.connector.blaster", "1.0.0.SNAPSHOT"), "ACTIVE",
                List.of(wired("io.weir.api.connector", "[1.0,2)", "1.0.0"), wired("org.slf4j", "[2.0,3)", "2.0.17"),
                        wired("io.weir.api.event", "[1.0,2)", "1.0.0")),
                List.of());
        PluginInfo broken = new PluginInfo(new BundleRef(14, "com.acme.sink", "2.0.0"), "INSTALLED",
                List.of(wired("io.weir.api.connector", "[2.0,3)", null)),
                List.of("needs io.weir.api.connector [2.0.0,3.0.0) but this server provides io.weir.api.connector 1.0.0"
                        + " — rebuild the plugin against connector-api 1.x or upgrade Weir"));
        assertEquals(""
                + "Plugins (2, 1 with problems listed below):\n"
                + "  ID  BUNDLE                     VERSION         STATE      API IMPORTS (asks for -> wired to)\n"
                + "  12  io.weir.connector.blaster  1.0.0.SNAPSHOT  ACTIVE     io.weir.api.connector [1.0.0,2.0.0) -> 1.0.0,"
                + " io.weir.api.event [1.0.0,2.0.0) -> 1.0.0\n"
                + "  14  com.acme.sink              2.0.0           INSTALLED  io.weir.api.connector [2.0.0,3.0.0) -> not wired\n"
                + "\n"
                + "Problems:\n"
                + "  14 com.acme.sink 2.0.0\n"
                + "    - needs io.weir.api.connector [2.0.0,3.0.0) but this server provides io.weir.api.connector 1.0.0"
                + " — rebuild the plugin against connector-api 1.x or upgrade Weir\n",
                PluginListing.render(List.of(running, broken), null));
    }

    @Test
    public void emptyListingSaysHowToInstall() {
        assertEquals("Plugins (0):\n  none installed: move a plugin jar into deploy/ to install it\n"
                + "\nWeir bundles (1):\n"
                + "  ID  BUNDLE                 VERSION  STATE   API IMPORTS (asks for -> wired to)\n"
                + "  3   io.weir.connector-api  1.0.0    ACTIVE  (none)\n",
                PluginListing.render(List.of(), List.of(new PluginInfo(API, "ACTIVE", List.of(), List.of()))));
    }

    @Test
    public void bundleReportHasImportsComponentsAndProblems() {
        BundleReport report = new BundleReport(new BundleRef(21, "com.acme.file", "1.1.0"), "ACTIVE", "file:/weir/deploy/acme-file.jar",
                List.of(wired("io.weir.api.connector", "[1.0,2)", "1.0.0")), List.of("component com.acme.File: it failed"),
                List.of(new ComponentStatus("com.acme.File", "failed to activate", List.of("it failed"), true),
                        new ComponentStatus("com.acme.Other", "waiting for configuration", List.of("no configuration"), false)),
                null);
        assertEquals(""
                + "Bundle 21: com.acme.file 1.1.0\n"
                + "  State:     ACTIVE\n"
                + "  Location:  file:/weir/deploy/acme-file.jar\n"
                + "\n"
                + "Imports:\n"
                + "  PACKAGE                ASKS FOR       WIRED TO\n"
                + "  io.weir.api.connector  [1.0.0,2.0.0)  1.0.0 from io.weir.connector-api 1.0.0 (id 3)\n"
                + "\n"
                + "Components:\n"
                + "  COMPONENT       STATE\n"
                + "  com.acme.File   failed to activate\n"
                + "      it failed\n"
                + "  com.acme.Other  waiting for configuration\n"
                + "      no configuration\n"
                + "\n"
                + "Problems:\n"
                + "  - component com.acme.File: it failed\n", report.render());
    }
}
