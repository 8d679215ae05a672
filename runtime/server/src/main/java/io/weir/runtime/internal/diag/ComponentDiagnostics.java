package io.weir.runtime.internal.diag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Explains the state of a bundle's Declarative Services components from Service Component Runtime DTOs:
 * which configuration or which service reference a component waits for, or why it failed to activate.
 */
public final class ComponentDiagnostics {

    private ComponentDiagnostics() {
    }

    /**
     * The status of each configuration of one component.
     *
     * @param description    the component as declared
     * @param enabled        whether it is enabled
     * @param configurations its current configurations (SCR reports none for a disabled component, and may report
     *                       none while a required configuration is missing)
     */
    public static List<ComponentStatus> explain(ComponentDescriptionDTO description, boolean enabled,
            Collection<ComponentConfigurationDTO> configurations) {
        List<ComponentStatus> result = new ArrayList<>();
        if (!enabled) {
            result.add(new ComponentStatus(description.name, "disabled",
                    List.of("it is disabled: it starts only when something enables it"), description.defaultEnabled));
            return result;
        }
        if (configurations.isEmpty()) {
            if ("require".equals(description.configurationPolicy)) {
                result.add(waitingForConfiguration(description.name, description));
            } else {
                result.add(new ComponentStatus(description.name, "not started",
                        List.of("Declarative Services reports no configuration of it"), true));
            }
            return result;
        }
        for (ComponentConfigurationDTO configuration : configurations) {
            result.add(explain(description, configuration));
        }
        return result;
    }

    private static ComponentStatus explain(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        String name = description.name + pidSuffix(configuration);
        switch (configuration.state) {
            case ComponentConfigurationDTO.ACTIVE:
                return new ComponentStatus(name, "active", List.of(), false);
            case ComponentConfigurationDTO.SATISFIED:
                return new ComponentStatus(name, "satisfied", List.of(), false);
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return waitingForConfiguration(name, description);
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                return new ComponentStatus(name, "waiting for a service", references(description, configuration), true);
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return new ComponentStatus(name, "failed to activate", List.of(failure(configuration.failure)), true);
            default:
                return new ComponentStatus(name, "state " + configuration.state, List.of(), true);
        }
    }

    /** A component with configuration-policy require and no configuration: normal for a connector nobody configured. */
    private static ComponentStatus waitingForConfiguration(String name, ComponentDescriptionDTO description) {
        String[] pids = description.configurationPid == null || description.configurationPid.length == 0
                ? new String[] {description.name}
                : description.configurationPid;
        List<String> details = new ArrayList<>();
        for (String pid : pids) {
            details.add("no configuration with PID " + pid + " — create etc/" + pid + ".cfg, or etc/" + pid
                    + "-<name>.cfg for a named instance");
        }
        return new ComponentStatus(name, "waiting for configuration", details, false);
    }

    private static List<String> references(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        List<String> details = new ArrayList<>();
        UnsatisfiedReferenceDTO[] unsatisfied = configuration.unsatisfiedReferences == null
                ? new UnsatisfiedReferenceDTO[0]
                : configuration.unsatisfiedReferences;
        for (UnsatisfiedReferenceDTO reference : unsatisfied) {
            ReferenceDTO declared = description.references == null ? null
                    : Arrays.stream(description.references).filter(r -> r.name.equals(reference.name)).findFirst().orElse(null);
            String service = declared == null ? "a service" : "a service " + declared.interfaceName;
            String target = reference.target == null ? "" : " matching " + reference.target;
            int found = reference.targetServices == null ? 0 : reference.targetServices.length;
            String cardinality = declared == null ? "" : " (cardinality " + declared.cardinality + ")";
            details.add("reference '" + reference.name + "' needs " + service + target + cardinality
                    + (found == 0 ? " — none is registered" : " — only " + found + " registered"));
        }
        if (details.isEmpty()) {
            details.add("Declarative Services did not say which reference is missing");
        }
        return details;
    }

    private static String pidSuffix(ComponentConfigurationDTO configuration) {
        Object pid = configuration.properties == null ? null : configuration.properties.get("service.pid");
        if (pid instanceof String[]) {
            return " [" + String.join(", ", (String[]) pid) + "]";
        }
        if (pid instanceof Collection<?>) {
            return " [" + ((Collection<?>) pid).stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]";
        }
        return pid == null ? "" : " [" + pid + "]";
    }

    /** The first line of the failure SCR recorded (it records a whole stack trace). */
    private static String failure(String failure) {
        if (failure == null || failure.isBlank()) {
            return "activation threw an exception; the server log has the details";
        }
        String first = failure.strip().lines().findFirst().orElse(failure).strip();
        return first + " (the server log has the full stack trace)";
    }
}
