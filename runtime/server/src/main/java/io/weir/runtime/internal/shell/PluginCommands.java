package io.weir.runtime.internal.shell;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import io.weir.runtime.internal.diag.BundleInspector;
import io.weir.runtime.internal.diag.BundleReport;
import io.weir.runtime.internal.diag.DeployReport;
import io.weir.runtime.internal.diag.PluginListing;
import io.weir.runtime.internal.lifecycle.deploy.DeployFinding;
import io.weir.runtime.internal.lifecycle.deploy.DeployGuardComponent;
import io.weir.runtime.internal.lifecycle.deploy.DeployProblems;

/**
 * Shell commands about plugins: {@code weir:plugins} lists them with their API versions and the jars of
 * {@code deploy/} that are not installed, {@code weir:diag} explains why a plugin or a jar does not run.
 */
@Component(service = PluginCommands.class, property = {
    "osgi.command.scope=weir",
    "osgi.command.function=plugins",
    "osgi.command.function=diag"
})
public class PluginCommands {

    private final BundleInspector inspector;
    private final DeployProblems deployProblems;
    private final Clock clock;

    /** Inspects the bundles installed in the framework of this context and the deploy guard's findings. */
    @Activate
    public PluginCommands(BundleContext context, @Reference ServiceComponentRuntime scr,
            @Reference DeployGuardComponent guard) {
        this(new BundleInspector(context, scr), guard.problems(), Clock.systemDefaultZone());
    }

    /**
     * @param inspector      reads the installed bundles
     * @param deployProblems the jars of the watched folders that are not installed
     * @param clock          the time and zone of the times shown
     */
    public PluginCommands(BundleInspector inspector, DeployProblems deployProblems, Clock clock) {
        this.inspector = inspector;
        this.deployProblems = deployProblems;
        this.clock = clock;
    }

    /** Lists the plugins. */
    @Descriptor("List the installed plugins (bundles that import io.weir.api packages): id, symbolic name, version,"
            + " state, and for each API package the range it asks for and the version it is wired to;"
            + " then, for each plugin that does not run, why; then the jars of deploy/ that are not installed"
            + " (damaged or cut short, not a bundle, refused as a duplicate, refused by the framework) with the"
            + " problem and since when")
    public String plugins(
            @Descriptor("also list Weir's own bundles (runtime, connector API)")
            @Parameter(names = {"-a", "--all"}, presentValue = "true", absentValue = "false") boolean all) {
        return PluginListing.render(inspector.plugins(), all ? inspector.weirBundles() : null)
                + DeployReport.section(deployProblems.current(), clock.getZone());
    }

    /** Diagnoses one bundle, or one jar file. */
    @Descriptor("Explain why a bundle does not run: imports no installed bundle can satisfy (with the range asked"
            + " for and the version this server has), other unmet requirements, and Declarative Services components"
            + " that lack a configuration or a service, or failed to activate. Given the name of a jar in deploy/"
            + " that is not installed, explain why not and what to do; given the jar of an installed bundle, diagnose"
            + " that bundle")
    public String diag(@Descriptor("bundle id, symbolic name, or jar file name (or path) in deploy/") String bundle) {
        List<DeployFinding> files = deployProblems.named(bundle);
        if (files.isEmpty()) {
            if (inspector.matching(bundle).isEmpty()) {
                // Only when it names nothing: a jar file may be called -x.jar.
                NameArgument.check(bundle, PluginCommands.class, "diag");
            }
            return render(List.of(), inspector.diagnose(bundle));
        }
        return render(files, inspector.matching(bundle));
    }

    private String render(List<DeployFinding> files, List<BundleReport> bundles) {
        List<String> parts = new ArrayList<>();
        files.forEach(f -> parts.add(DeployReport.detail(f, clock.instant(), clock.getZone())));
        bundles.forEach(b -> parts.add(b.render()));
        return String.join("\n", parts);
    }
}
