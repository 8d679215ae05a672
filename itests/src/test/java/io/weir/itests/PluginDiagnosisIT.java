package io.weir.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertThat;

import io.weir.itests.fixture.FixtureBundles;
import io.weir.itests.support.TestBundle;
import org.junit.Test;

/**
 * {@code weir:diag} explains, in plain words, each way a plugin can fail to run: an API minor the server lacks, a
 * library package nobody exports, and a component that waits for its configuration.
 */
public class PluginDiagnosisIT extends TestSupport {

    @Test
    public void aPluginBuiltAgainstANewerApiMinorIsToldWhichVersionItNeeds() {
        String name = "io.weir.itests.plugin.newer.minor";
        deploy("newer-minor.jar", FixtureBundles.importing(name, "io.weir.api.connector", "[1.2,2)").build());
        awaitBundle(name);

        String diag = execute("weir:diag " + name);
        assertThat(diag, containsString("needs io.weir.api.connector [1.2.0,2.0.0) but this server provides "
                + "io.weir.api.connector 1.1.0"));
        assertThat(diag, containsString("upgrade Weir to one that provides io.weir.api.connector 1.2"));
    }

    @Test
    public void aPluginMissingALibraryPackageIsToldToDeployOrEmbedIt() {
        String name = "io.weir.itests.plugin.missing.library";
        deploy("missing-library.jar", TestBundle.named(name)
                .importPackage("io.weir.api.connector;version=\"[1.0,2)\",org.acme.nowhere;version=\"[1.2,2)\"")
                .build());
        awaitBundle(name);

        String diag = execute("weir:diag " + name);
        assertThat(diag, containsString("needs package org.acme.nowhere [1.2.0,2.0.0) which no installed bundle exports"));
        assertThat(diag, containsString("embed the library in the plugin"));
    }

    @Test
    public void aComponentWithoutItsConfigurationIsShownWaitingForIt() {
        String name = "io.weir.itests.plugin.unconfigured";
        String pid = "io.weir.itests.unconfigured";
        deploy("unconfigured.jar", FixtureBundles.configuredComponent(name, pid)
                .importPackage("io.weir.api.connector;version=\"[1.0,2)\"").build());
        awaitValue("the plugin is active", () -> "ACTIVE".equals(stateName(awaitBundle(name).getState())) ? name : null);

        String diag = execute("weir:diag " + name);
        assertThat(diag, containsString("waiting for configuration"));
        assertThat(diag, containsString(pid));
    }
}
