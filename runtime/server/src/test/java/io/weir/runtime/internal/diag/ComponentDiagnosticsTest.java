package io.weir.runtime.internal.diag;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.framework.dto.ServiceReferenceDTO;

public class ComponentDiagnosticsTest {

    private static ComponentDescriptionDTO description(String policy) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = "com.acme.sink.AcmeSink";
        d.configurationPolicy = policy;
        d.configurationPid = new String[] {"com.acme.sink"};
        d.defaultEnabled = true;
        ReferenceDTO codec = new ReferenceDTO();
        codec.name = "codec";
        codec.interfaceName = "io.weir.api.codec.Codec";
        codec.cardinality = "1..1";
        d.references = new ReferenceDTO[] {codec};
        return d;
    }

    private static ComponentConfigurationDTO configuration(ComponentDescriptionDTO d, int state, String pid) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.description = d;
        c.state = state;
        c.properties = pid == null ? Map.of() : Map.of("service.pid", pid);
        c.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
        return c;
    }

    @Test
    public void activeAndSatisfiedAreFine() {
        ComponentDescriptionDTO d = description("optional");
        List<ComponentStatus> statuses = ComponentDiagnostics.explain(d, true, List.of(
                configuration(d, ComponentConfigurationDTO.ACTIVE, "com.acme.sink~east"),
                configuration(d, ComponentConfigurationDTO.SATISFIED, null)));
        assertEquals(new ComponentStatus("com.acme.sink.AcmeSink [com.acme.sink~east]", "active", List.of(), false),
                statuses.get(0));
        assertEquals(new ComponentStatus("com.acme.sink.AcmeSink", "satisfied", List.of(), false), statuses.get(1));
    }

    @Test
    public void requiredConfigurationMissing() {
        ComponentDescriptionDTO d = description("require");
        String expected = "no configuration with PID com.acme.sink — create etc/com.acme.sink.cfg,"
                + " or etc/com.acme.sink-<name>.cfg for a named instance";
        // SCR reports either no configuration at all, or one in state UNSATISFIED_CONFIGURATION
        for (List<ComponentConfigurationDTO> reported : List.of(List.<ComponentConfigurationDTO>of(),
                List.of(configuration(d, ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION, null)))) {
            ComponentStatus status = ComponentDiagnostics.explain(d, true, reported).get(0);
            assertEquals("waiting for configuration", status.state());
            assertEquals(List.of(expected), status.details());
            assertFalse("an unconfigured connector is normal, not a fault", status.problem());
        }
    }

    @Test
    public void missingReferenceNamesServiceAndTarget() {
        ComponentDescriptionDTO d = description("require");
        ComponentConfigurationDTO c = configuration(d, ComponentConfigurationDTO.UNSATISFIED_REFERENCE, "com.acme.sink~east");
        UnsatisfiedReferenceDTO missing = new UnsatisfiedReferenceDTO();
        missing.name = "codec";
        missing.target = "(weir.codec=json)";
        missing.targetServices = new ServiceReferenceDTO[0];
        c.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {missing};
        ComponentStatus status = ComponentDiagnostics.explain(d, true, List.of(c)).get(0);
        assertEquals("waiting for a service", status.state());
        assertEquals(List.of("reference 'codec' needs a service io.weir.api.codec.Codec matching (weir.codec=json)"
                + " (cardinality 1..1) — none is registered"), status.details());
        assertTrue(status.problem());
    }

    @Test
    public void failedActivationShowsTheFirstLineOfTheFailure() {
        ComponentDescriptionDTO d = description("optional");
        ComponentConfigurationDTO c = configuration(d, ComponentConfigurationDTO.FAILED_ACTIVATION, null);
        c.failure = "java.lang.IllegalArgumentException: port 99999 is out of range\n\tat com.acme.sink.AcmeSink.activate(AcmeSink.java:42)\n";
        ComponentStatus status = ComponentDiagnostics.explain(d, true, List.of(c)).get(0);
        assertEquals(new ComponentStatus("com.acme.sink.AcmeSink", "failed to activate",
                List.of("java.lang.IllegalArgumentException: port 99999 is out of range (the server log has the full stack trace)"),
                true), status);
    }

    @Test
    public void disabledComponent() {
        ComponentDescriptionDTO d = description("optional");
        ComponentStatus status = ComponentDiagnostics.explain(d, false, List.of()).get(0);
        assertEquals("disabled", status.state());
        assertTrue("disabled although enabled by default", status.problem());
        d.defaultEnabled = false;
        assertFalse(ComponentDiagnostics.explain(d, false, List.of()).get(0).problem());
    }
}
