package io.weir.runtime.internal.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a live thread belongs to a plugin revision, and says why. Java 17 does not let us read a
 * thread's {@code Runnable} without {@code --add-opens}, so the evidence is what the public API shows:
 *
 * <ul>
 * <li>the thread's own class (a {@code Thread} subclass) was defined by the plugin's class loader;</li>
 * <li>its context class loader is the plugin's (it also keeps that loader alive);</li>
 * <li>its uncaught-exception handler comes from the plugin;</li>
 * <li>one of its stack frames runs a class of the plugin's own packages: the frame of a {@code Runnable}'s
 *     {@code run} method sits at the bottom of the stack of a busy thread;</li>
 * <li>its name follows the plugin thread convention {@code weir-<connector type>-...}.</li>
 * </ul>
 *
 * The first three compare class loaders by identity and cannot err. Frames and names compare strings, so they
 * can also match a thread of another installed bundle that holds the same packages (another version of the
 * same plugin): such a frame is reported as ambiguous.
 */
public final class ThreadAttribution {

    /** How many top frames a report shows. */
    public static final int REPORTED_FRAMES = 8;

    private final ClassLoader loader;
    private final Set<String> packages;
    private final Set<String> threadPrefixes;
    private final Set<String> sharedPackages;

    /**
     * @param loader         the plugin's class loader (held only during the attribution)
     * @param packages       the packages of the plugin's own classes
     * @param threadPrefixes thread-name prefixes of its connector types
     * @param sharedPackages packages that other installed bundles also hold
     */
    public ThreadAttribution(ClassLoader loader, Set<String> packages, Set<String> threadPrefixes,
            Set<String> sharedPackages) {
        this.loader = loader;
        this.packages = packages;
        this.threadPrefixes = threadPrefixes;
        this.sharedPackages = sharedPackages;
    }

    /** Why this thread belongs to the plugin; empty when nothing ties it to the plugin. */
    public List<String> reasons(Thread thread, StackTraceElement[] frames) {
        List<String> reasons = new ArrayList<>(byLoader(thread, loader));
        if (frames != null) {
            for (StackTraceElement frame : frames) {
                String pkg = packageOf(frame.getClassName());
                if (packages.contains(pkg)) {
                    reasons.add("it runs the plugin's code at " + frame
                            + (sharedPackages.contains(pkg) ? " (ambiguous: another installed bundle holds package "
                                    + pkg + " too)" : ""));
                    break;
                }
            }
        }
        String name = thread.getName();
        for (String prefix : threadPrefixes) {
            if (name.startsWith(prefix)) {
                reasons.add("its name follows the plugin's thread naming " + prefix + "<instance>-...");
                break;
            }
        }
        return reasons;
    }

    /** The evidence that needs the loader's identity only: it is certain, whatever else is installed. */
    public static List<String> byLoader(Thread thread, ClassLoader loader) {
        List<String> reasons = new ArrayList<>(3);
        if (loader == null) {
            return reasons;
        }
        Class<?> type = thread.getClass();
        if (type.getClassLoader() == loader) {
            reasons.add("its class " + type.getName() + " comes from the plugin");
        }
        if (thread.getContextClassLoader() == loader) {
            reasons.add("its context class loader is the plugin's");
        }
        Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
        if (handler != null && handler.getClass().getClassLoader() == loader) {
            reasons.add("its uncaught-exception handler " + handler.getClass().getName() + " comes from the plugin");
        }
        return reasons;
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Every live thread of this JVM, without taking stack traces (cheap enough to call every poll). */
    public static List<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[Math.max(16, root.activeCount() * 2)];
        int count;
        while ((count = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        List<Thread> live = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (threads[i].isAlive()) {
                live.add(threads[i]);
            }
        }
        return live;
    }
}
