package io.weir.runtime.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.Descriptor;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.promise.Promise;

import io.weir.runtime.internal.diag.BundleInspector;
import io.weir.runtime.internal.lifecycle.deploy.DeployProblem;
import io.weir.runtime.internal.lifecycle.deploy.DeployProblems;
import io.weir.runtime.internal.lifecycle.deploy.JarIdentity;

/**
 * The shell commands against a real embedded Felix with synthetic plugin bundles, so the wiring API is read
 * as the framework really reports it. Declarative Services is stood in for by a fixed component report.
 */
public class FrameworkCommandsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Framework framework;
    private final Map<String, Bundle> bundles = new HashMap<>();
    private final DeployProblems deployProblems = new DeployProblems();

    @Before
    public void startFramework() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", folder.newFolder("cache").getAbsolutePath());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();

        install("io.weir.connector-api", "1.0.0", Map.of("Export-Package",
                "io.weir.api.connector;version=1.0.0,io.weir.api.event;version=1.0.0"));
        install("io.weir.runtime", "1.0.0", Map.of("Import-Package", "io.weir.api.connector;version=\"[1.0,1.1)\""));
        install("com.acme.good", "1.0.0", Map.of("Import-Package",
                "io.weir.api.connector;version=\"[1.0,2)\",io.weir.api.event;version=\"[1.0,2)\""));
        install("com.acme.future", "2.0.0", Map.of("Import-Package", "io.weir.api.connector;version=\"[2.0,3)\""));
        install("com.acme.needslib", "1.0.0", Map.of("Import-Package",
                "io.weir.api.event;version=\"[1.0,2)\",org.foo;version=\"[1.2,2)\""));
        install("com.acme.java21", "1.0.0", Map.of("Import-Package", "io.weir.api.event;version=\"[1.0,2)\"",
                "Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=21))\""));
        install("org.other.lib", "3.0.0", Map.of("Export-Package", "org.other;version=3.0.0"));
        for (Bundle bundle : bundles.values()) {
            try {
                bundle.start();
            } catch (BundleException expected) {
                // the unresolvable plugins stay INSTALLED, as FileInstall would leave them
            }
        }
    }

    @After
    public void stopFramework() throws Exception {
        if (framework != null && framework.getState() == Bundle.ACTIVE) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    public void pluginsListsEachPluginWithItsApiWiringAndWhyOthersDoNotRun() {
        String listing = commands(new FixedComponents()).plugins(false);
        String good = line(listing, "com.acme.good");
        assertTrue(good, good.matches("  \\d+ +com\\.acme\\.good +1\\.0\\.0 +ACTIVE +io\\.weir\\.api\\.connector"
                + " \\[1\\.0\\.0,2\\.0\\.0\\) -> 1\\.0\\.0, io\\.weir\\.api\\.event \\[1\\.0\\.0,2\\.0\\.0\\) -> 1\\.0\\.0"));
        assertTrue(line(listing, "com.acme.future"), line(listing, "com.acme.future")
                .endsWith("INSTALLED  io.weir.api.connector [2.0.0,3.0.0) -> not wired"));
        assertTrue(listing, listing.startsWith("Plugins (4, 4 with problems listed below):\n"));
        assertTrue(listing, listing.contains("    - needs io.weir.api.connector [2.0.0,3.0.0) but this server provides"
                + " io.weir.api.connector 1.0.0 — rebuild the plugin against connector-api 1.x or upgrade Weir\n"));
        assertTrue(listing, listing.contains("    - needs package org.foo [1.2.0,2.0.0) which no installed bundle exports"));
        assertTrue(listing, listing.contains("    - needs a Java runtime matching (&(osgi.ee=JavaSE)(version=21)) but this"
                + " server runs on Java " + Runtime.version().feature()));
        assertFalse("not a plugin", listing.contains("org.other.lib"));
        assertFalse("the runtime hosts plugins, it is not one", listing.contains("io.weir.runtime"));
        assertFalse("API exporter is not a plugin", listing.contains("io.weir.connector-api"));
    }

    @Test
    public void allFlagAddsWeirsOwnBundles() {
        String listing = commands(new FixedComponents()).plugins(true);
        String weir = listing.substring(listing.indexOf("Weir bundles (2):"));
        assertTrue(weir, line(weir, "io.weir.runtime").endsWith("ACTIVE  io.weir.api.connector [1.0.0,1.1.0) -> 1.0.0"));
        assertTrue(weir, line(weir, "io.weir.connector-api").endsWith("ACTIVE  (none)"));
    }

    @Test
    public void diagExplainsAnUnresolvedPluginByNameOrId() {
        PluginCommands commands = commands(new FixedComponents());
        String report = commands.diag("com.acme.future");
        assertEquals(report, commands.diag(String.valueOf(bundles.get("com.acme.future").getBundleId())));
        assertTrue(report, report.startsWith("Bundle " + bundles.get("com.acme.future").getBundleId()
                + ": com.acme.future 2.0.0\n  State:     INSTALLED (not resolved)\n  Location:  "));
        assertTrue(report, report.contains("  io.weir.api.connector  [2.0.0,3.0.0)  not wired\n"));
        assertTrue(report, report.contains("Declarative Services reads a bundle's components only while it is active"));
        assertTrue(report, report.endsWith("Problems:\n  - needs io.weir.api.connector [2.0.0,3.0.0) but this server provides"
                + " io.weir.api.connector 1.0.0 — rebuild the plugin against connector-api 1.x or upgrade Weir\n"));
    }

    @Test
    public void diagShowsWiringAndComponentsOfARunningPlugin() {
        String report = commands(new FixedComponents()).diag("com.acme.good");
        long api = bundles.get("io.weir.connector-api").getBundleId();
        assertTrue(report, report.contains("  io.weir.api.connector  [1.0.0,2.0.0)  1.0.0 from io.weir.connector-api 1.0.0 (id "
                + api + ")\n"));
        assertTrue(report, report.contains("  com.acme.good.Sink [com.acme.good.sink~east]  waiting for a service\n"
                + "      reference 'codec' needs a service io.weir.api.codec.Codec (cardinality 1..1) — none is registered\n"));
        assertTrue(report, report.contains("\nProblems:\n  - component com.acme.good.Sink [com.acme.good.sink~east]:"
                + " reference 'codec' needs a service"));
    }

    @Test
    public void diagOfAHealthyBundleSaysSo() {
        String report = commands(new FixedComponents()).diag("io.weir.connector-api");
        assertTrue(report, report.endsWith("Components:\n  (none)\n\nNo problems found.\n"));
    }

    @Test
    public void diagOfAnUnknownBundleSuggestsSimilarNames() {
        PluginCommands commands = commands(new FixedComponents());
        try {
            commands.diag("acme.fut");
            fail("diagnosed a bundle that does not exist");
        } catch (IllegalArgumentException e) {
            assertEquals("no bundle or jar file named acme.fut — did you mean: com.acme.future", e.getMessage());
        }
        try {
            commands.diag("9999");
            fail("diagnosed a bundle id that does not exist");
        } catch (IllegalArgumentException e) {
            assertEquals("no bundle with id 9999 — weir:plugins lists the plugins", e.getMessage());
        }
    }

    @Test
    public void pluginsListsTheJarsThatAreNotInstalledAndDiagExplainsOne() throws Exception {
        File refused = new File(folder.newFolder("deploy"), "acme-copy.jar");
        Files.write(refused.toPath(), new byte[] {1, 2, 3});
        File kept = new File(folder.getRoot(), "com.acme.good-1.0.0.jar");
        deployProblems.found(new DeployProblem(refused.toPath(), DeployProblem.Kind.DUPLICATE, Instant.now(), 3,
                refused.lastModified(), new JarIdentity("com.acme.good", new Version(1, 0, 0)),
                "it is com.acme.good 1.0.0, the same symbolic name and version as " + kept, "keep one", kept.toPath()));
        PluginCommands commands = commands(new FixedComponents());

        String listing = commands.plugins(false);
        assertTrue(listing, listing.contains("\nNot installed from " + refused.getParent()
                + " (1; weir:diag <file> explains one):\n  FILE"));
        assertTrue(listing, line(listing, "acme-copy.jar").endsWith("refused: duplicate  com.acme.good 1.0.0"));

        String byName = commands.diag("acme-copy.jar");
        assertEquals(byName, commands.diag(refused.getPath()));
        assertTrue(byName, byName.startsWith("File " + refused + ": not installed\n  Problem:   refused: duplicate\n"));
        assertTrue(byName, byName.endsWith("\nWhat to do: keep one.\n"));

        // the jar of an installed bundle names that bundle
        String installed = commands.diag(kept.getName());
        assertTrue(installed, installed.startsWith("Bundle " + bundles.get("com.acme.good").getBundleId()
                + ": com.acme.good 1.0.0\n"));

        Files.delete(refused.toPath());
        assertFalse(commands.plugins(false).contains("Not installed"));
    }

    @Test
    public void diagTakesAJarWhoseNameStartsWithADash() throws Exception {
        File odd = new File(folder.newFolder("deploy"), "-odd.jar");
        Files.write(odd.toPath(), new byte[] {1, 2, 3});
        deployProblems.found(new DeployProblem(odd.toPath(), DeployProblem.Kind.NOT_A_BUNDLE, Instant.now(), 3,
                odd.lastModified(), null, "it has no Bundle-SymbolicName", "build it as a bundle", null));
        String report = commands(new FixedComponents()).diag("-odd.jar");
        assertTrue(report, report.startsWith("File " + odd + ": not installed\n"));
    }

    @Test
    public void commandsRunThroughGogoWithTheirFlagsAndDescriptions() throws Exception {
        ThreadIOImpl threadIO = new ThreadIOImpl();
        threadIO.start();
        try {
            CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
            PluginCommands commands = commands(new FixedComponents());
            processor.addCommand("weir", commands, "plugins");
            processor.addCommand("weir", commands, "diag");
            GogoCommandRunner runner = new GogoCommandRunner(processor);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, runner.run("weir:plugins -a", out));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Weir bundles (2):"));

            out.reset();
            assertEquals(1, runner.run("weir:diag nosuch", out));
            assertEquals("Error: no bundle or jar file named nosuch — weir:plugins lists the plugins\n", out.toString(StandardCharsets.UTF_8));

            out.reset();
            assertEquals(2, runner.run("weir:diag --help", out));
            assertEquals("wrong arguments: unknown option '--help'; weir:diag has no options — `help weir:diag` shows"
                    + " the usage\n", out.toString(StandardCharsets.UTF_8));
        } finally {
            threadIO.stop();
        }
        for (String name : new String[] {"plugins", "diag"}) {
            Method method = List.of(PluginCommands.class.getMethods()).stream()
                    .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
            assertNotNull(name + " has help text", method.getAnnotation(Descriptor.class));
            for (var annotations : method.getParameterAnnotations()) {
                assertTrue(name + " parameters have help text",
                        List.of(annotations).stream().anyMatch(a -> a instanceof Descriptor));
            }
        }
        assertNotNull(ServerCommands.class.getMethod("shutdown").getAnnotation(Descriptor.class));
    }

    @Test
    public void shutdownAnswersThenStopsTheFramework() throws Exception {
        ServerCommands commands = new ServerCommands(bundles.get("com.acme.good").getBundleContext());
        assertEquals("Weir is shutting down.", commands.shutdown());
        assertEquals("Weir is already shutting down.", commands.shutdown());
        FrameworkEvent stopped = framework.waitForStop(10_000);
        assertEquals(FrameworkEvent.STOPPED, stopped.getType());
        assertEquals(Bundle.RESOLVED, framework.getState());
    }

    private PluginCommands commands(ServiceComponentRuntime scr) {
        BundleContext context = bundles.get("io.weir.runtime").getBundleContext();
        return new PluginCommands(new BundleInspector(context, scr), deployProblems, Clock.systemDefaultZone());
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + text));
    }

    private void install(String name, String version, Map<String, String> headers) throws IOException, BundleException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", version);
        new LinkedHashMap<>(headers).forEach(main::putValue);
        File jar = new File(folder.getRoot(), name + "-" + version + ".jar");
        try (OutputStream file = new FileOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        bundles.put(name, framework.getBundleContext().installBundle(jar.toURI().toString()));
    }

    /** Declarative Services as it would report com.acme.good: one sink instance waiting for its codec. */
    private static final class FixedComponents implements ServiceComponentRuntime {

        private final ComponentDescriptionDTO sink = new ComponentDescriptionDTO();

        FixedComponents() {
            sink.name = "com.acme.good.Sink";
            sink.configurationPolicy = "require";
            sink.configurationPid = new String[] {"com.acme.good.sink"};
            sink.defaultEnabled = true;
            ReferenceDTO codec = new ReferenceDTO();
            codec.name = "codec";
            codec.interfaceName = "io.weir.api.codec.Codec";
            codec.cardinality = "1..1";
            sink.references = new ReferenceDTO[] {codec};
        }

        @Override
        public Collection<ComponentDescriptionDTO> getComponentDescriptionDTOs(Bundle... bundles) {
            return bundles.length == 1 && "com.acme.good".equals(bundles[0].getSymbolicName()) ? List.of(sink) : List.of();
        }

        @Override
        public ComponentDescriptionDTO getComponentDescriptionDTO(Bundle bundle, String name) {
            return getComponentDescriptionDTOs(bundle).stream().filter(d -> d.name.equals(name)).findFirst().orElse(null);
        }

        @Override
        public Collection<ComponentConfigurationDTO> getComponentConfigurationDTOs(ComponentDescriptionDTO description) {
            ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
            configuration.description = description;
            configuration.state = ComponentConfigurationDTO.UNSATISFIED_REFERENCE;
            configuration.properties = Map.of("service.pid", "com.acme.good.sink~east");
            UnsatisfiedReferenceDTO missing = new UnsatisfiedReferenceDTO();
            missing.name = "codec";
            configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {missing};
            return List.of(configuration);
        }

        @Override
        public boolean isComponentEnabled(ComponentDescriptionDTO description) {
            return true;
        }

        @Override
        public Promise<Void> enableComponent(ComponentDescriptionDTO description) {
            throw new UnsupportedOperationException("the commands only read component state");
        }

        @Override
        public Promise<Void> disableComponent(ComponentDescriptionDTO description) {
            throw new UnsupportedOperationException("the commands only read component state");
        }
    }
}
