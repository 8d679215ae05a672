package io.weir.launcher.internal;

import java.util.concurrent.CountDownLatch;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a test bundle by {@link MainProcessTest}: a bundle that never finishes stopping. */
public final class HangingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        // nothing to start
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
