package io.weir.runtime.internal.lifecycle.testplugin;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The test plugin bundle's life: registers a connector-type service and starts a worker thread named after it;
 * a clean plugin (header {@code Weir-Test-Leaky: false}) ends the thread on stop, a leaky one leaves it running
 * until the test counts down the {@code CountDownLatch} service it registered.
 */
public final class Activator implements BundleActivator {

    private Thread worker;

    @Override
    public void start(BundleContext context) throws Exception {
        String type = context.getBundle().getHeaders().get("Weir-Test-Type");
        boolean leaky = Boolean.parseBoolean(context.getBundle().getHeaders().get("Weir-Test-Leaky"));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("weir.connector.type", type);
        context.registerService(Object.class, new Object(), properties);
        ServiceReference<CountDownLatch> release = context.getServiceReference(CountDownLatch.class);
        worker = Worker.startRunnable("weir-" + type + "-main-worker", context.getService(release), !leaky);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        worker.interrupt();
        worker = null;
    }
}
