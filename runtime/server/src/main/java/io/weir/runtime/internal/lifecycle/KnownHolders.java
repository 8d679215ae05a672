package io.weir.runtime.internal.lifecycle;

import java.lang.management.ManagementFactory;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Looks for the usual holders of a class loader that should have been collected, through public JDK API only:
 * live threads (class, context class loader, uncaught-exception handler), the default uncaught-exception handler,
 * java.util.logging handlers, filters and formatters, security providers, and platform MBeans. Each finding names
 * the holder. What these checks cannot see (static fields of other bundles' classes, thread locals, caches inside
 * libraries) needs a heap dump; the report says so when nothing is found.
 */
public final class KnownHolders {

    private static final int MAX_FINDINGS = 50;

    private KnownHolders() {
    }

    /** Holders found for this loader; empty when none of the known ones holds it. */
    public static List<String> find(ClassLoader loader, List<Thread> liveThreads) {
        List<String> found = new ArrayList<>();
        if (loader == null) {
            return found;
        }
        for (Thread thread : liveThreads) {
            for (String reason : ThreadAttribution.byLoader(thread, loader)) {
                add(found, "thread \"" + thread.getName() + "\" (" + thread.getState() + "): " + reason);
            }
        }
        Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
        if (from(handler, loader)) {
            add(found, "the JVM's default uncaught-exception handler is " + handler.getClass().getName());
        }
        logging(loader, found);
        for (Provider provider : Security.getProviders()) {
            if (from(provider, loader)) {
                add(found, "security provider " + provider.getName() + " (" + provider.getClass().getName()
                        + ") is still registered with java.security.Security");
            }
        }
        mbeans(loader, found);
        return found;
    }

    private static void logging(ClassLoader loader, List<String> found) {
        LogManager manager = LogManager.getLogManager();
        for (String name : Collections.list(manager.getLoggerNames())) {
            Logger logger = manager.getLogger(name);
            if (logger == null) {
                continue;
            }
            String label = name.isEmpty() ? "the root logger" : "logger " + name;
            if (from(logger, loader)) {
                add(found, "java.util.logging " + label + " is a " + logger.getClass().getName());
            }
            if (from(logger.getFilter(), loader)) {
                add(found, "java.util.logging " + label + " has filter " + logger.getFilter().getClass().getName());
            }
            for (Handler handler : logger.getHandlers()) {
                if (from(handler, loader)) {
                    add(found, "java.util.logging " + label + " has handler " + handler.getClass().getName());
                } else if (from(handler.getFormatter(), loader) || from(handler.getFilter(), loader)) {
                    add(found, "java.util.logging " + label + " has a handler whose formatter or filter comes"
                            + " from the plugin");
                }
            }
        }
    }

    private static void mbeans(ClassLoader loader, List<String> found) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(null, null)) {
            try {
                if (server.getClassLoaderFor(name) == loader) {
                    add(found, "MBean " + name + " (" + server.getObjectInstance(name).getClassName()
                            + ") is still registered with the platform MBean server");
                }
            } catch (javax.management.JMException | RuntimeException e) {
                // unregistered meanwhile, or not ours to inspect: not a holder we can name
            }
        }
    }

    private static boolean from(Object object, ClassLoader loader) {
        return object != null && object.getClass().getClassLoader() == loader;
    }

    private static void add(List<String> found, String finding) {
        if (found.size() < MAX_FINDINGS && !found.contains(finding)) {
            found.add(finding);
        }
    }
}
