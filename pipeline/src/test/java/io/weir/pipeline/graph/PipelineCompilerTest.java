package io.weir.pipeline.graph;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorFactory;
import io.weir.pipeline.testing.BuiltIns;
import io.weir.pipeline.testing.RecordingListener;

public class PipelineCompilerTest {
    private final Map<String, OperatorFactory> types = BuiltIns.factories();

    private static Map<String, Object> config(String... lines) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            config.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
        }
        return config;
    }

    private Pipeline compile(Map<String, Object> config) {
        return PipelineCompiler.compile("main", config, types::get, Map.of(), new RecordingListener());
    }

    private String error(String... lines) {
        return assertThrows(IllegalArgumentException.class, () -> compile(config(lines))).getMessage();
    }

    @Test
    public void compilesTheDocumentedExample() {
        Map<String, Object> config = config(
                "node.drop_debug.type = filter",
                "node.drop_debug.expression = event.level != \"debug\"",
                "node.enrich.type = fields",
                "node.enrich.rename.level = severity",
                "node.enrich.set.proc = \"weir\"",
                "links = in -> drop_debug -> enrich -> out, drop_debug.err -> err",
                "service.pid = weir.pipeline~main",
                "felix.fileinstall.filename = file:/etc/weir.pipeline-main.cfg");
        Pipeline pipeline = compile(config);
        assertEquals("main", pipeline.name());
        assertEquals(Set.of("in"), pipeline.inputPorts());
        assertEquals(Set.of("out", "err"), pipeline.outputPorts());
    }

    @Test
    public void acceptsArraysAsFromTypedConfigurationFiles() {
        Map<String, Object> config = new HashMap<>();
        config.put("node.rr.type", new String[] {"round_robin"});
        config.put("node.rr.outputs", new String[] {"a", "b"});
        config.put("links", new String[] {"in -> rr", "rr.a -> x", "rr.b -> y"});
        assertEquals(Set.of("x", "y", "err"), compile(config).outputPorts());
    }

    @Test
    public void aPipelineWithoutNodesPassesEventsThrough() {
        assertEquals(Set.of("in", "side"), compile(config("links = in -> out, side -> out")).inputPorts());
    }

    @Test
    public void linksAreRequired() {
        assertEquals("links: missing; give the graph, for example 'links = in -> f -> out'",
                error("node.f.type = filter", "node.f.expression = true"));
        assertEquals("links: missing; give the graph, for example 'links = in -> out'", error("nodes = a"));
    }

    @Test
    public void everyNodeNeedsAKnownType() {
        assertEquals("node.f.type: unknown operator type 'filtr' (no operator of that type is installed)",
                error("node.f.type = filtr", "links = in -> f -> out"));
        assertEquals("node.f.type: missing; node.f.expression is set, so node f needs an operator type",
                error("node.f.expression = true", "links = in -> out"));
        assertEquals("node.f.type: empty; name an operator type, for example filter",
                error("node.f.type = ", "links = in -> f -> out"));
    }

    @Test
    public void nodeNamesAreChecked() {
        assertEquals("node.a b.type: 'a b' is not a valid node name (letters, digits, '_' and inner '-')",
                error("node.a b.type = filter", "links = in -> out"));
        assertEquals("node.out.type: 'out' cannot name a node: in, out and err name the pipeline's own ports",
                error("node.out.type = filter", "links = in -> out"));
        assertEquals("node.f: expected node.f.<option>, for example node.f.type", error("node.f = filter",
                "links = in -> out"));
    }

    @Test
    public void linksAreChecked() {
        String filter = "node.f.type = filter";
        String condition = "node.f.expression = true";
        assertEquals("links: 'in' is not a link; write 'from -> to', for example 'in -> in'",
                error("links = in"));
        assertEquals("links: 'f.out' names a port of 'f', which is not a node (no node.f.type)",
                error("links = in -> out, f.out -> out"));
        assertEquals("links: 'f.err' ends 'in -> f.err'; a node has a single input, so name only the node there",
                error(filter, condition, "links = in -> f.err"));
        assertEquals("links: 'g' in 'in -> g -> out' is not a node, so nothing can follow it (no node.g.type)",
                error("links = in -> g -> out"));
        assertEquals("links: '' in 'in ->' is not a name or name.port (letters, digits, '_' and inner '-')",
                error("links = in -> "));
        assertEquals("links: f.out is linked twice (to out and to other); a port leads to one place, use a route "
                + "node to split", error(filter, condition, "links = in -> f -> out, f -> other"));
        assertEquals("links: 'x' is used both as a pipeline input (left of ->) and output (right of ->)",
                error(filter, condition, "links = x -> f -> x"));
        assertEquals("links: nothing leads to node f; link it, for example 'in -> f', or remove node.f.*",
                error(filter, condition, "links = in -> out, f -> out"));
        assertEquals("links: 'dropped' cannot name a port: in, dropped, failed and thrown are the names of a node's "
                + "counters", error(filter, condition, "links = in -> f -> out, f.dropped -> out"));
    }

    @Test
    public void aPipelineNeedsAnInput() {
        assertEquals("links: no pipeline input; start a chain with a name that is not a node, for example "
                + "'in -> ...'", error("node.f.type = filter", "node.f.expression = true", "links = f -> out"));
    }

    @Test
    public void cyclesAreRefusedAndShown() {
        assertEquals("links: cycle a -> b -> c -> a; events must not come back to a node they passed",
                error("node.a.type = filter", "node.a.expression = true",
                        "node.b.type = filter", "node.b.expression = true",
                        "node.c.type = filter", "node.c.expression = true",
                        "links = in -> a -> b -> c -> a, c.err -> d"));
        assertEquals("links: cycle b -> c -> b; events must not come back to a node they passed",
                error("node.a.type = filter", "node.a.expression = true",
                        "node.b.type = filter", "node.b.expression = true",
                        "node.c.type = filter", "node.c.expression = true",
                        "links = in -> a -> out, b -> c -> b, c.err -> a"));
        assertEquals("links: cycle a -> a; events must not come back to a node they passed",
                error("node.a.type = filter", "node.a.expression = true", "links = in -> a -> a"));
    }

    @Test
    public void portsOfBuiltInOperatorsAreChecked() {
        assertEquals("links: node f (filter) has no port 'kept'; its ports are out and err",
                error("node.f.type = filter", "node.f.expression = true", "links = in -> f.kept -> out"));
        assertEquals("links: rr.b is not linked; a round_robin node needs every one of its ports linked",
                error("node.rr.type = round_robin", "node.rr.outputs = a, b", "links = in -> rr.a -> out"));
    }

    /** A route whose default port is err lists err twice: "its ports are a, err and err". */
    @Test
    public void thePortsOfANodeAreListedOnce() {
        String message = error("node.r.type = route", "node.r.route.a = true", "node.r.default = err",
                "links = in -> r -> out, r.a -> x");
        assertFalse(message, message.contains("err and err"));
    }

    /** The hint for a chain without an arrow is made for a lone name: "for example 'in -> in => out'". */
    @Test
    public void aMistypedArrowGetsAHintThatMakesSense() {
        String message = error("links = in => out");
        assertFalse(message, message.contains("'in -> in => out'"));
    }

    @Test
    public void theArrowHintIsBuiltFromWhatWasWritten() {
        assertEquals("links: node r (route) has no port 'b'; its ports are a and err",
                error("node.r.type = route", "node.r.route.a = true", "node.r.default = err",
                        "links = in -> r.b -> out"));
        assertEquals("links: 'in => out' is not a link; write 'from -> to', for example 'in -> out'",
                error("links = in => out"));
        assertEquals("links: 'in>f.err > out' is not a link; write 'from -> to', for example 'in -> f.err -> out'",
                error("links = in>f.err > out"));
        assertEquals("links: 'in out' is not a link; write 'from -> to', for example 'in -> out'",
                error("links = in out"));
        assertEquals("links: 'in => ?' is not a link; write 'from -> to'", error("links = in => ?"));
    }

    @Test
    public void operatorOptionErrorsNameTheFullKey() {
        assertEquals("node.f.expression: missing; for example node.f.expression = event.level != \"debug\"",
                error("node.f.type = filter", "links = in -> f -> out"));
        assertTrue(error("node.f.type = filter", "node.f.expression = event.level ==", "links = in -> f -> out")
                .startsWith("node.f.expression: cannot compile 'event.level =='"));
    }

    @Test
    public void thirdPartyFactoryFailuresAreReportedWithTheNode() {
        types.put("picky", (context, options) -> {
            throw new IllegalArgumentException("size: must be even");
        });
        types.put("broken", (context, options) -> {
            throw new IllegalStateException("boom");
        });
        types.put("lazy", (context, options) -> null);
        assertEquals("node.p: size: must be even", error("node.p.type = picky", "links = in -> p -> out"));
        assertEquals("node.b.type: operator type 'broken' failed to create node b: java.lang.IllegalStateException: "
                + "boom", error("node.b.type = broken", "links = in -> b -> out"));
        assertEquals("node.l.type: operator type 'lazy' created no operator",
                error("node.l.type = lazy", "links = in -> l -> out"));
    }

    @Test
    public void operatorsCreatedBeforeAnErrorAreClosedAgain() {
        List<String> closed = new ArrayList<>();
        types.put("tracked", (context, options) -> new Operator() {
            @Override
            public void process(Event event, Emitter out) {
                out.emit(Emitter.OUT, event);
            }

            @Override
            public void close(Emitter out) {
                closed.add(context.name());
            }
        });
        error("node.a.type = tracked", "node.b.type = tracked", "node.c.type = filtr",
                "links = in -> a -> b -> c -> out");
        assertEquals(List.of("a", "b"), closed);
    }
}
