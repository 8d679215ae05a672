package io.weir.launcher.internal;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Optional;

/**
 * The thread context class loader of every framework thread: it answers with the class loader of the bundle that
 * is asking, found on the call stack (what Equinox's ContextFinder does), and falls back to the launcher's.
 * <p>
 * Libraries look things up through the context class loader: JLine its terminal providers (it would give the
 * console a dumb terminal), snappy its properties, {@code ServiceLoader} its providers. The launcher's class path
 * has none of them, and a null context class loader makes some of them fail, so the caller's bundle it is.
 */
public final class ContextFinder extends ClassLoader {
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /** Guards against a bundle class loader that itself consults the context class loader. */
    private final ThreadLocal<Boolean> searching = new ThreadLocal<>();
    private final ClassLoader fallback;

    public ContextFinder(ClassLoader fallback) {
        super(fallback);
        this.fallback = fallback;
    }

    /** The nearest class loader on the stack that is neither the JDK's, the launcher's nor this one. */
    Optional<ClassLoader> callerLoader() {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return STACK.walk(frames -> frames
                .map(frame -> frame.getDeclaringClass().getClassLoader())
                .filter(loader -> loader != null && loader != this && loader != fallback
                        && loader != platform && loader != system)
                .findFirst());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (searching.get() == null) {
            searching.set(Boolean.TRUE);
            try {
                Optional<ClassLoader> caller = callerLoader();
                if (caller.isPresent()) {
                    try {
                        return caller.get().loadClass(name);
                    } catch (ClassNotFoundException e) {
                        // not in the caller's bundle: try the launcher's class path
                    }
                }
            } finally {
                searching.remove();
            }
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (searching.get() == null) {
            searching.set(Boolean.TRUE);
            try {
                Optional<ClassLoader> caller = callerLoader();
                if (caller.isPresent()) {
                    URL url = caller.get().getResource(name);
                    if (url != null) {
                        return url;
                    }
                }
            } finally {
                searching.remove();
            }
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (searching.get() == null) {
            searching.set(Boolean.TRUE);
            try {
                Optional<ClassLoader> caller = callerLoader();
                if (caller.isPresent()) {
                    Enumeration<URL> urls = caller.get().getResources(name);
                    if (urls.hasMoreElements()) {
                        return urls;
                    }
                }
            } finally {
                searching.remove();
            }
        }
        return super.getResources(name);
    }
}
