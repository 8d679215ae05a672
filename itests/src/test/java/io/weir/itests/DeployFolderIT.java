package io.weir.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import io.weir.itests.support.TestBundle;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/**
 * Plugin jars dropped into the watched {@code deploy/} folder of a running framework are installed and started;
 * a newer jar under the same name updates the bundle in place; deleting the jar uninstalls it.
 */
public class DeployFolderIT extends TestSupport {

    private static final String PLUGIN = "io.weir.itests.plugin.deployed";

    @Test
    public void aJarWrittenIntoDeployIsInstalledAndStartedAndDeletingItUninstallsIt() {
        Path jar = deploy("deployed-plugin.jar", plugin("1.0.0"));

        Bundle bundle = awaitBundleState(PLUGIN, Bundle.ACTIVE);
        assertEquals("installed from the jar in deploy/", jar, Paths.get(URI.create(bundle.getLocation())));

        delete(jar);
        awaitNoBundle(PLUGIN);
        // Felix drops the bundle from its list just before it marks it UNINSTALLED: wait for the mark too.
        await("the bundle is marked UNINSTALLED", () -> bundle.getState() == Bundle.UNINSTALLED);
    }

    @Test
    public void aNewerJarUnderTheSameNameUpdatesTheRunningBundle() {
        deploy("deployed-plugin.jar", plugin("1.0.0"));
        Bundle first = awaitBundleState(PLUGIN, Bundle.ACTIVE);

        deploy("deployed-plugin.jar", plugin("1.1.0"));
        Bundle updated = awaitValue("the plugin runs as version 1.1.0",
                () -> bundle(PLUGIN).filter(b -> b.getVersion().equals(Version.parseVersion("1.1.0"))
                        && b.getState() == Bundle.ACTIVE).orElse(null));

        assertEquals("updated in place, not installed a second time", first.getBundleId(), updated.getBundleId());
        assertNotEquals(Bundle.UNINSTALLED, first.getState());
    }

    private static byte[] plugin(String version) {
        return TestBundle.named(PLUGIN).version(version).build();
    }
}
