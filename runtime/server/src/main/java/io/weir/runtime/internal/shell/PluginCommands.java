package io.weir.runtime.internal.shell;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import io.weir.runtime.internal.diag.BundleInspector;
import io.weir.runtime.internal.diag.BundleReport;
import io.weir.runtime.internal.diag.PluginListing;

/**
 * Shell commands about plugins: {@code weir:plugins} lists them with their API versions, {@code weir:diag}
 * explains why one does not run.
 */
@Component(service = PluginCommands.class, property = {
    "osgi.command.scope=weir",
    "osgi.command.function=plugins",
    "osgi.command.function=diag"
})
public class PluginCommands {

    private final BundleInspector inspector;

    /** Inspects the bundles installed in the framework of this context. */
    @Activate
    public PluginCommands(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.inspector = new BundleInspector(context, scr);
    }

    /** Lists the plugins. */
    @Descriptor("List the installed plugins (bundles that import io.weir.api packages): id, symbolic name, version,"
            + " state, and for each API package the range it asks for and the version it is wired to;"
            + " then, for each plugin that does not run, why")
    public String plugins(
            @Descriptor("also list Weir's own bundles (runtime, connector API)")
            @Parameter(names = {"-a", "--all"}, presentValue = "true", absentValue = "false") boolean all) {
        return PluginListing.render(inspector.plugins(), all ? inspector.weirBundles() : null);
    }

    /** Diagnoses one bundle. */
    @Descriptor("Explain why a bundle does not run: imports no installed bundle can satisfy (with the range asked"
            + " for and the version this server has), other unmet requirements, and Declarative Services components"
            + " that lack a configuration or a service, or failed to activate")
    public String diag(@Descriptor("bundle id or symbolic name") String bundle) {
        List<BundleReport> reports = inspector.diagnose(bundle);
        return reports.stream().map(BundleReport::render).collect(Collectors.joining("\n"));
    }
}
