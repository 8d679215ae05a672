package io.weir.launcher.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/** Packed into a test bundle by {@link MainProcessTest}: asks for a framework restart as soon as it starts. */
public final class RestartingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Thread updater = new Thread(() -> {
            try {
                context.getBundle(0).update();
            } catch (BundleException e) {
                throw new IllegalStateException(e);
            }
        }, "test-system-bundle-update");
        updater.start();
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to stop
    }
}
