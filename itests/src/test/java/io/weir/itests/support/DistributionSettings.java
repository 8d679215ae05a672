package io.weir.itests.support;

import io.weir.launcher.internal.FrameworkProperties;
import io.weir.launcher.internal.LaunchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The distribution's own settings, applied to a test framework: the framework properties of
 * {@code etc/weir.properties} read by the launcher's own loader (so {@code ${weir.home}} and friends mean the same),
 * and the infrastructure files of {@code etc/} (FileInstall watchers, logging, shell profile). Only FileInstall's poll
 * is shortened, so tests turn around faster than an operator's server.
 */
public final class DistributionSettings {

    /** The poll in milliseconds tests give every FileInstall watcher (the distribution ships 1000 for etc/ and 250 for deploy/). */
    public static final String TEST_POLL_MILLIS = "250";

    private static final String POLL_KEY = "felix.fileinstall.poll";
    private static final Pattern POLL_LINE = Pattern.compile("(?m)^(\\s*felix\\.fileinstall\\.poll\\s*[=:]\\s*).*$");

    private DistributionSettings() {
    }

    /**
     * The framework properties the launcher would set for a server with this home and data folder, without a
     * console and without the shell socket, with FileInstall polling every {@value #TEST_POLL_MILLIS} ms.
     *
     * @throws IllegalStateException naming the file when the launcher would refuse it
     */
    public static Map<String, String> frameworkProperties(Path distribution, Path home, Path data) {
        Map<String, String> launcherValues = new HashMap<>();
        launcherValues.put("weir.home", home.toString());
        launcherValues.put("weir.data", data.toString());
        launcherValues.put("gosh.args", "--nointeractive");
        Map<String, String> systemProperties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> systemProperties.put(name, System.getProperty(name)));
        Path file = distribution.resolve("etc").resolve("weir.properties");
        try {
            Map<String, String> properties = new TreeMap<>(FrameworkProperties.load(file, launcherValues, systemProperties));
            properties.put(POLL_KEY, TEST_POLL_MILLIS);
            return properties;
        } catch (LaunchException e) {
            throw new IllegalStateException("the launcher would refuse " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the files of the distribution's {@code etc/} that set the server up rather than configure flows:
     * {@code org.apache.felix.fileinstall-*.cfg} (more watchers, such as the one on {@code deploy/}; their poll
     * shortened), {@code org.ops4j.pax.logging.cfg} and {@code gosh_profile}.
     *
     * @return the names of the files copied, which tests leave in place
     */
    public static List<String> copyInfrastructure(Path distributionEtc, Path testEtc) throws IOException {
        List<String> copied = new ArrayList<>();
        try (Stream<Path> files = Files.list(distributionEtc)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("org.apache.felix.fileinstall-") && name.endsWith(".cfg")) {
                    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    Files.writeString(testEtc.resolve(name), withPoll(text, TEST_POLL_MILLIS), StandardCharsets.ISO_8859_1);
                    copied.add(name);
                } else if (name.equals("org.ops4j.pax.logging.cfg") || name.equals("gosh_profile")) {
                    Files.copy(file, testEtc.resolve(name));
                    copied.add(name);
                }
            }
        }
        return copied;
    }

    /** The text of a FileInstall watcher's .cfg with its poll set to {@code millis} (added when absent). */
    static String withPoll(String cfgText, String millis) {
        Matcher matcher = POLL_LINE.matcher(cfgText);
        if (matcher.find()) {
            return matcher.replaceAll("$1" + millis);
        }
        return cfgText + (cfgText.isEmpty() || cfgText.endsWith("\n") ? "" : "\n") + POLL_KEY + " = " + millis + "\n";
    }
}
