package io.weir.itests;

import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import io.weir.itests.support.Await;
import io.weir.itests.support.DistributionSettings;
import io.weir.itests.support.SystemFolder;
import io.weir.itests.support.SystemFolder.SystemJar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.After;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.UrlProvisionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Base of the Pax Exam tests: one Felix framework per test class (Pax Exam's native container, in the test JVM),
 * provisioned with exactly the bundles of the distribution's {@code system/} folder, and FileInstall watching a
 * {@code deploy/} and an {@code etc/} folder of the class's own under {@code target/itests-work/<TestClass>/}.
 *
 * <p>{@link #configuration()} runs outside the framework and reads the failsafe system properties; every other method
 * runs inside it, in the probe bundle, and reads the framework properties set here. Each test leaves the watched
 * folders empty and waits until FileInstall has undone what they held, so the tests of a class do not see each other.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class TestSupport {

    /** How long a test waits for the framework to react; generous because CI runs on two shared cores. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String DISTRIBUTION_PROPERTY = "weir.distribution";
    private static final String WORK_PROPERTY = "weir.itests.work";
    private static final String DEPLOY_PROPERTY = "weir.itests.deploy";
    private static final String ETC_PROPERTY = "weir.itests.etc";
    private static final String STAGING_PROPERTY = "weir.itests.staging";
    /** The distribution's files copied into etc/, which the tests leave alone. */
    private static final String KEPT_PROPERTY = "weir.itests.etc.kept";

    @Inject
    protected BundleContext context;

    /**
     * The framework of this test class: the system bundles (fragments installed, not started) and the framework
     * properties of the distribution's {@code etc/weir.properties} with the class's work folder as Weir home (so
     * FileInstall watches its {@code etc/}, and its {@code deploy/} through the distribution's own watcher
     * configuration), FileInstall polling every {@value DistributionSettings#TEST_POLL_MILLIS} ms, no console and
     * no shell socket. The log goes to {@code data/log/weir.log} in the work folder, as configured by the
     * distribution's {@code org.ops4j.pax.logging.cfg}.
     */
    @Configuration
    public Option[] configuration() throws IOException {
        Path distribution = Paths.get(requiredSystemProperty(DISTRIBUTION_PROPERTY)).toAbsolutePath().normalize();
        Path home = Paths.get(requiredSystemProperty(WORK_PROPERTY)).toAbsolutePath().normalize()
                .resolve(getClass().getSimpleName());
        deleteRecursively(home);
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        Path etc = Files.createDirectories(home.resolve("etc"));
        Path data = Files.createDirectories(home.resolve("data"));
        Files.createDirectories(data.resolve("tmp"));
        Path staging = Files.createDirectories(home.resolve("staging"));
        List<String> infrastructure = DistributionSettings.copyInfrastructure(distribution.resolve("etc"), etc);

        List<Option> options = new ArrayList<>();
        for (SystemJar jar : SystemFolder.scan(distribution.resolve("system"))) {
            UrlProvisionOption option = CoreOptions.bundle(jar.path().toUri().toString());
            options.add(jar.fragment() ? option.noStart() : option.start());
        }
        options.add(junitBundles());
        options.add(workingDirectory(home.resolve("framework").toString()));
        options.add(cleanCaches(true));

        DistributionSettings.frameworkProperties(distribution, home, data)
                .forEach((key, value) -> options.add(frameworkProperty(key).value(value)));
        // as the launcher does: pax-logging resolves ${weir.data} in its configuration from system properties
        options.add(systemProperty("weir.home").value(home.toString()));
        options.add(systemProperty("weir.data").value(data.toString()));

        options.add(frameworkProperty(DISTRIBUTION_PROPERTY).value(distribution.toString()));
        options.add(frameworkProperty(DEPLOY_PROPERTY).value(deploy.toString()));
        options.add(frameworkProperty(ETC_PROPERTY).value(etc.toString()));
        options.add(frameworkProperty(KEPT_PROPERTY).value(String.join(",", infrastructure)));
        options.add(frameworkProperty(STAGING_PROPERTY).value(staging.toString()));
        options.addAll(Arrays.asList(extraOptions()));
        return options.toArray(new Option[0]);
    }

    /** Options a test class adds to {@link #configuration()} (runs outside the framework). */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /**
     * Empties the watched folders (but for the distribution's files in etc/) and waits until FileInstall has
     * uninstalled and deleted what they held.
     */
    @After
    public void emptyWatchedFolders() throws Exception {
        deleteContents(deployFolder(), List.of());
        deleteContents(etcFolder(), keptInEtc());
        await("FileInstall has uninstalled every bundle from " + deployFolder(), () -> bundlesFrom(deployFolder()).isEmpty());
        await("FileInstall has deleted every configuration from " + etcFolder(), () -> configurationsFrom(etcFolder()).isEmpty());
    }

    // ---- folders

    /** The distribution folder under test ({@code runtime/distribution/target/weir}). */
    protected Path distributionFolder() {
        return Paths.get(requiredFrameworkProperty(DISTRIBUTION_PROPERTY));
    }

    /** The {@code deploy/} folder FileInstall watches for plugin jars in this class's framework. */
    protected Path deployFolder() {
        return Paths.get(requiredFrameworkProperty(DEPLOY_PROPERTY));
    }

    /** The {@code etc/} folder FileInstall watches for configurations in this class's framework. */
    protected Path etcFolder() {
        return Paths.get(requiredFrameworkProperty(ETC_PROPERTY));
    }

    private String requiredFrameworkProperty(String name) {
        String value = context.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("framework property " + name + " is not set");
        }
        return value;
    }

    // ---- writing files the way an operator should: beside the watched folder, then moved in

    /** Drops a jar into {@code deploy/} atomically and returns its path. */
    protected Path deploy(String fileName, byte[] jar) {
        return writeAtomically(deployFolder().resolve(fileName), jar);
    }

    /** Writes a {@code .cfg} file into {@code etc/} atomically, one {@code key = value} line per entry. */
    protected Path writeConfig(String fileName, Map<String, String> properties) {
        String text = properties.entrySet().stream()
                .map(entry -> entry.getKey() + " = " + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return writeAtomically(etcFolder().resolve(fileName), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes {@code content} to a staging folder beside the watched ones and moves it over {@code target} in one
     * rename, so FileInstall never sees a half-written file.
     */
    protected Path writeAtomically(Path target, byte[] content) {
        Path staged = Paths.get(requiredFrameworkProperty(STAGING_PROPERTY)).resolve(target.getFileName() + ".part");
        try {
            Files.write(staged, content);
            return Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Deletes a file a test dropped. */
    protected void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    // ---- waiting

    /** Polls until {@code condition} holds, for at most {@link #TIMEOUT}. */
    protected static void await(String what, Callable<Boolean> condition) {
        Await.until(what, condition, TIMEOUT);
    }

    /** Polls until {@code condition} holds, for at most {@code timeout}. */
    protected static void await(String what, Callable<Boolean> condition, Duration timeout) {
        Await.until(what, condition, timeout);
    }

    /** Polls until {@code probe} returns something other than null, and returns it. */
    protected static <T> T awaitValue(String what, Callable<T> probe) {
        return Await.value(what, probe, TIMEOUT);
    }

    // ---- bundles and services

    /** The installed bundle with this symbolic name, if any. */
    protected Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    /** Waits until a bundle with this symbolic name is installed and returns it. */
    protected Bundle awaitBundle(String symbolicName) {
        return awaitValue("bundle " + symbolicName + " is installed", () -> bundle(symbolicName).orElse(null));
    }

    /** Waits until the bundle with this symbolic name is in {@code state} (a {@link Bundle} constant). */
    protected Bundle awaitBundleState(String symbolicName, int state) {
        return awaitValue("bundle " + symbolicName + " is " + stateName(state),
                () -> bundle(symbolicName).filter(b -> b.getState() == state).orElse(null));
    }

    /** Waits until no bundle with this symbolic name is installed. */
    protected void awaitNoBundle(String symbolicName) {
        await("bundle " + symbolicName + " is uninstalled", () -> bundle(symbolicName).isEmpty());
    }

    /** The bundles FileInstall installed from files in {@code folder}. */
    protected List<Bundle> bundlesFrom(Path folder) {
        return Arrays.stream(context.getBundles()).filter(b -> isIn(b.getLocation(), folder)).collect(Collectors.toList());
    }

    /** The configurations FileInstall created from files a test wrote into {@code folder}. */
    protected List<org.osgi.service.cm.Configuration> configurationsFrom(Path folder) throws Exception {
        org.osgi.service.cm.Configuration[] all = service(ConfigurationAdmin.class).listConfigurations("(felix.fileinstall.filename=*)");
        List<String> kept = keptInEtc();
        return all == null ? List.of() : Arrays.stream(all)
                .filter(c -> {
                    String file = String.valueOf(c.getProperties().get("felix.fileinstall.filename"));
                    return isIn(file, folder) && !kept.contains(Paths.get(URI.create(file)).getFileName().toString());
                })
                .collect(Collectors.toList());
    }

    private static boolean isIn(String location, Path folder) {
        if (location == null || !location.startsWith("file:")) {
            return false;
        }
        return Paths.get(URI.create(location)).normalize().startsWith(folder.normalize());
    }

    /** The highest-ranked service of this type, waiting for it to appear. */
    protected <T> T service(Class<T> type) {
        ServiceReference<T> reference = awaitValue("a " + type.getName() + " service is registered",
                () -> context.getServiceReference(type));
        T service = context.getService(reference);
        if (service == null) {
            throw new AssertionError("the " + type.getName() + " service went away before it could be used");
        }
        return service;
    }

    /** The references to services registered under {@code objectClass} that match {@code filter} (may be null). */
    protected List<ServiceReference<?>> serviceReferences(String objectClass, String filter) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(objectClass, filter);
            return references == null ? List.of() : List.of(references);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
    }

    /** Waits until exactly one service under {@code objectClass} matches {@code filter} and returns its reference. */
    protected ServiceReference<?> awaitSingleService(String objectClass, String filter) {
        checkFilter(filter);
        return awaitValue("exactly one " + objectClass + " service matches " + filter, () -> {
            List<ServiceReference<?>> references = serviceReferences(objectClass, filter);
            return references.size() == 1 ? references.get(0) : null;
        });
    }

    /** Waits until no service under {@code objectClass} matches {@code filter}. */
    protected void awaitNoService(String objectClass, String filter) {
        checkFilter(filter);
        await("no " + objectClass + " service matches " + filter, () -> serviceReferences(objectClass, filter).isEmpty());
    }

    /** A malformed filter is the test's own mistake: fail at once instead of polling until the timeout. */
    private void checkFilter(String filter) {
        try {
            context.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
    }

    protected static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "state " + state;
        }
    }

    // ---- the shell

    /**
     * Runs one Gogo command line in a fresh session and returns what it printed followed by its formatted result.
     *
     * @throws AssertionError if the command throws; the message holds what it printed until then
     */
    protected String execute(String commandLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandProcessor processor = service(CommandProcessor.class);
        try (PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
             CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), printer, printer)) {
            Object result = session.execute(commandLine);
            if (result != null) {
                printer.println(session.format(result, Converter.INSPECT));
            }
        } catch (Exception e) {
            throw new AssertionError("command '" + commandLine + "' failed; it printed:\n"
                    + out.toString(StandardCharsets.UTF_8), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---- files, outside and inside the framework

    private static String requiredSystemProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests with Maven: "
                    + "mvn -B verify -pl itests -am");
        }
        return value;
    }

    private static void deleteContents(Path folder, List<String> kept) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> !kept.contains(f.getFileName().toString()))::iterator) {
                deleteRecursively(file);
            }
        }
    }

    private List<String> keptInEtc() {
        String kept = context.getProperty(KEPT_PROPERTY);
        return kept == null || kept.isEmpty() ? List.of() : List.of(kept.split(","));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
