package io.weir.itests.support;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DistributionSettingsTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    public void readsWeirPropertiesAsTheLauncherDoesWithTheTestFoldersAndAShortPoll() throws Exception {
        Path distribution = temporary.newFolder("weir").toPath();
        Files.createDirectories(distribution.resolve("etc"));
        Files.writeString(distribution.resolve("etc/weir.properties"), String.join("\n",
                "felix.fileinstall.dir = ${weir.home}/etc",
                "felix.fileinstall.tmpdir = ${weir.data}/tmp",
                "felix.fileinstall.poll = 1000",
                "gosh.home = ${weir.home}", ""));

        Map<String, String> properties = DistributionSettings.frameworkProperties(distribution, Path.of("/t/home"), Path.of("/t/data"));

        assertEquals("/t/home/etc", properties.get("felix.fileinstall.dir"));
        assertEquals("/t/data/tmp", properties.get("felix.fileinstall.tmpdir"));
        assertEquals(DistributionSettings.TEST_POLL_MILLIS, properties.get("felix.fileinstall.poll"));
        assertEquals("--nointeractive", properties.get("gosh.args"));
        assertEquals("no shell socket in tests", null, properties.get("weir.shell.socket"));
    }

    @Test
    public void aFileTheLauncherWouldRefuseFailsNamingIt() throws Exception {
        Path distribution = temporary.newFolder("weir").toPath();
        Files.createDirectories(distribution.resolve("etc"));
        Files.writeString(distribution.resolve("etc/weir.properties"), "felix.fileinstall.dir = ${weir.hom}/etc\n");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> DistributionSettings.frameworkProperties(distribution, Path.of("/h"), Path.of("/d")));
        assertThat(error.getMessage(), containsString("weir.properties"));
    }

    @Test
    public void copiesWatcherLoggingAndShellFilesButNotFlowConfigurations() throws Exception {
        Path etc = temporary.newFolder("etc").toPath();
        Files.writeString(etc.resolve("org.apache.felix.fileinstall-deploy.cfg"),
                "# jars\nfelix.fileinstall.dir = ${weir.home}/deploy\nfelix.fileinstall.poll = 1000\n");
        Files.writeString(etc.resolve("org.ops4j.pax.logging.cfg"), "log4j2.rootLogger.level = INFO\n");
        Files.writeString(etc.resolve("gosh_profile"), "prompt = 'weir> '\n");
        Files.writeString(etc.resolve("weir.properties"), "a = b\n");
        Files.writeString(etc.resolve("weir.source.sequence-ticks.cfg"), "rate = 5\n");
        Path target = temporary.newFolder("test-etc").toPath();

        List<String> copied = DistributionSettings.copyInfrastructure(etc, target);

        assertEquals(List.of("gosh_profile", "org.apache.felix.fileinstall-deploy.cfg", "org.ops4j.pax.logging.cfg"), copied);
        assertEquals("# jars\nfelix.fileinstall.dir = ${weir.home}/deploy\nfelix.fileinstall.poll = "
                + DistributionSettings.TEST_POLL_MILLIS + "\n", Files.readString(target.resolve("org.apache.felix.fileinstall-deploy.cfg")));
    }

    @Test
    public void addsAPollWhenTheWatcherHasNone() {
        assertEquals("felix.fileinstall.dir = x\nfelix.fileinstall.poll = 250\n",
                DistributionSettings.withPoll("felix.fileinstall.dir = x", "250"));
    }
}
