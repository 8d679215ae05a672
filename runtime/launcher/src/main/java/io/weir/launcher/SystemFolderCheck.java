package io.weir.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;

import io.weir.launcher.internal.BundleDiagnosis;
import io.weir.launcher.internal.CacheRecovery;
import io.weir.launcher.internal.ExitCodes;
import io.weir.launcher.internal.LaunchException;
import io.weir.launcher.internal.SystemJar;

/**
 * Build-time check of a distribution: every jar of {@code system/} and of the plugin folders must be an OSGi bundle,
 * none may be a compile-only API jar (such as {@code osgi.core}, marked {@code osgi.unresolvable}), no bundle may
 * be there twice, and all of them must resolve together in a real framework. It prints what is wrong, per jar,
 * and exits 1, so a new library that is not a bundle fails the build instead of the server.
 * <p>
 * {@code java -cp 'lib/*' io.weir.launcher.SystemFolderCheck <system folder> [<plugin folder>...]}
 */
public final class SystemFolderCheck {
    private SystemFolderCheck() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: SystemFolderCheck <system folder> [<plugin folder>...]");
            System.exit(ExitCodes.USAGE);
        }
        List<Path> folders = new ArrayList<>();
        for (String arg : args) {
            folders.add(Path.of(arg));
        }
        System.exit(run(folders, System.out, System.err));
    }

    static int run(List<Path> folders, PrintStream out, PrintStream err) {
        try {
            List<Path> jars = new ArrayList<>();
            for (Path folder : folders) {
                for (SystemJar jar : SystemJar.scan(folder)) {
                    jars.add(jar.path());
                }
            }
            List<String> problems = checkManifests(jars);
            if (problems.isEmpty()) {
                problems.addAll(resolveTogether(jars));
            }
            for (String problem : problems) {
                err.println("distribution check: " + problem);
            }
            if (!problems.isEmpty()) {
                return ExitCodes.FAILED;
            }
            out.println("distribution check: " + jars.size() + " bundles resolve together");
            return ExitCodes.OK;
        } catch (IOException | BundleException | InterruptedException e) {
            err.println("distribution check failed: " + LaunchException.oneLine(e));
            return ExitCodes.FAILED;
        }
    }

    /** A jar's name with its folder, e.g. {@code system/jline-3.30.16.jar}. */
    private static String name(Path jar) {
        Path folder = jar.getParent() == null ? null : jar.getParent().getFileName();
        return folder == null ? jar.getFileName().toString() : folder + "/" + jar.getFileName();
    }

    private static List<String> checkManifests(List<Path> jars) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path jar : jars) {
            String name = name(jar);
            Manifest manifest;
            try (JarFile file = new JarFile(jar.toFile())) {
                manifest = file.getManifest();
            } catch (IOException e) {
                problems.add(name + ": not a readable jar (" + LaunchException.oneLine(e) + ")");
                continue;
            }
            Attributes main = manifest == null ? null : manifest.getMainAttributes();
            String symbolicName = main == null ? null : main.getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (symbolicName == null) {
                problems.add(name + ": not an OSGi bundle (no Bundle-SymbolicName); embed it in the bundle that"
                        + " needs it, or exclude it in runtime/distribution/pom.xml");
                continue;
            }
            if (BundleDiagnosis.isUnresolvableMarker(main.getValue(Constants.REQUIRE_CAPABILITY))) {
                problems.add(name + ": a compile-only API jar (osgi.unresolvable); exclude it from the distribution");
                continue;
            }
            String identity = symbolicName.split(";")[0].strip() + " " + main.getValue(Constants.BUNDLE_VERSION);
            Path earlier = seen.putIfAbsent(identity, jar);
            if (earlier != null) {
                problems.add(name + ": the same bundle (" + identity + ") as " + name(earlier));
            }
        }
        return problems;
    }

    private static List<String> resolveTogether(List<Path> jars)
            throws IOException, BundleException, InterruptedException {
        Path storage = Files.createTempDirectory("weir-check");
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.log.level", "0");
        Framework framework = ServiceLoader.load(FrameworkFactory.class, SystemFolderCheck.class.getClassLoader())
                .iterator().next().newFramework(properties);
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            Map<Bundle, Path> installed = new LinkedHashMap<>();
            for (Path jar : jars) {
                installed.put(context.installBundle(jar.toUri().toString()), jar);
            }
            framework.adapt(FrameworkWiring.class).resolveBundles(installed.keySet());
            List<Capability> capabilities = new ArrayList<>();
            for (Bundle bundle : context.getBundles()) {
                capabilities.addAll(bundle.adapt(BundleRevision.class).getCapabilities(null));
            }
            List<String> problems = new ArrayList<>();
            for (Map.Entry<Bundle, Path> entry : installed.entrySet()) {
                Bundle bundle = entry.getKey();
                if ((bundle.getState() & Bundle.INSTALLED) == 0) {
                    continue;
                }
                List<Requirement> requirements = bundle.adapt(BundleRevision.class).getRequirements(null);
                List<String> missing = BundleDiagnosis.unmatched(requirements, capabilities);
                problems.add(name(entry.getValue()) + " (" + bundle.getSymbolicName() + " "
                        + bundle.getVersion() + ") does not resolve: " + (missing.isEmpty()
                        ? "a bundle it needs does not resolve, or its uses constraints conflict"
                        : String.join("; ", missing)));
            }
            return problems;
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
            CacheRecovery.clear(storage);
        }
    }
}
