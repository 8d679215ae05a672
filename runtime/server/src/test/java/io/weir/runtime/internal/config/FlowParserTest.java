package io.weir.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import io.weir.runtime.internal.config.Endpoint.Kind;

import org.junit.Test;

public class FlowParserTest {

    private static FlowSpec parse(Object links) {
        return FlowParser.parse("f", Map.of("links", links, "service.pid", "weir.flow~f",
                "felix.fileinstall.filename", "file:/srv/etc/weir.flow-f.cfg"));
    }

    private static String error(Map<String, Object> props) {
        try {
            FlowParser.parse("f", props);
            fail("accepted " + props);
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static String error(String links) {
        return error(Map.of("links", links));
    }

    @Test
    public void readsLinksWithDefaultPorts() {
        FlowSpec spec = parse("source/ticks -> pipeline/main, pipeline/main.out -> sink/console,"
                + " pipeline/main.err -> sink/errors, source/ticks.err -> sink/errors");
        assertEquals(List.of(
                new Link(new Endpoint(Kind.SOURCE, "ticks", "out"), new Endpoint(Kind.PIPELINE, "main", "in")),
                new Link(new Endpoint(Kind.PIPELINE, "main", "out"), new Endpoint(Kind.SINK, "console", "in")),
                new Link(new Endpoint(Kind.PIPELINE, "main", "err"), new Endpoint(Kind.SINK, "errors", "in")),
                new Link(new Endpoint(Kind.SOURCE, "ticks", "err"), new Endpoint(Kind.SINK, "errors", "in"))),
                spec.links());
        assertEquals("/srv/etc/weir.flow-f.cfg", spec.origin());
        assertEquals(List.of("source/ticks", "pipeline/main", "sink/console", "sink/errors"),
                List.copyOf(spec.nodes()));
    }

    @Test
    public void aChainLinksEachStepAndAMiddlePortNamesTheWayOut() {
        FlowSpec spec = parse("source/in -> pipeline/a.alerts -> pipeline/b -> sink/out");
        assertEquals(List.of(
                new Link(new Endpoint(Kind.SOURCE, "in", "out"), new Endpoint(Kind.PIPELINE, "a", "in")),
                new Link(new Endpoint(Kind.PIPELINE, "a", "alerts"), new Endpoint(Kind.PIPELINE, "b", "in")),
                new Link(new Endpoint(Kind.PIPELINE, "b", "out"), new Endpoint(Kind.SINK, "out", "in"))),
                spec.links());
    }

    @Test
    public void aPortAtTheEndOfAChainIsAnInputPort() {
        FlowSpec spec = parse("source/in -> pipeline/a.side");
        assertEquals(new Endpoint(Kind.PIPELINE, "a", "side"), spec.links().get(0).to());
    }

    @Test
    public void acceptsArraysAndDropsDuplicates() {
        FlowSpec spec = parse(new String[] {"source/a -> sink/b", "source/a -> sink/b"});
        assertEquals(1, spec.links().size());
    }

    @Test
    public void explainsWhatIsWrong() {
        assertEquals("links: missing; list the links of the flow, for example links = source/ticks -> pipeline/main,"
                + " pipeline/main.out -> sink/console", error(Map.of("description", "x")));
        assertEquals("links: \"source/a sink/b\" is not a link; write <from> -> <to>, for example links ="
                + " source/ticks -> pipeline/main, pipeline/main.out -> sink/console", error("source/a sink/b"));
        assertEquals("links: \"source/a ->\" has an empty end; for example links = source/ticks -> pipeline/main,"
                + " pipeline/main.out -> sink/console", error("source/a ->"));
        assertEquals("links: \"src/a\" is not a node; write source/<name>, pipeline/<name> or sink/<name>, with"
                + " .<port> where needed (names: letters, digits, _ and -)", error("src/a -> sink/b"));
        assertEquals("links: \"sink/b -> sink/c\": sink/b is on the left of ->, but a sink sends nothing on",
                error("sink/b -> sink/c"));
        assertEquals("links: \"sink/b -> source/a\": sink/b is on the left of ->, but a sink sends nothing on",
                error("sink/b -> source/a"));
        assertEquals("links: \"pipeline/p -> source/a\": source/a is on the right of ->, but a source takes no input",
                error("pipeline/p -> source/a"));
        assertEquals("links: \"source/a.bad -> sink/b\": a source has the ports out and err, not 'bad'",
                error("source/a.bad -> sink/b"));
        assertEquals("links: \"source/a -> sink/b.x\": a sink has one input; write sink/b", error("source/a -> sink/b.x"));
        assertEquals("link: not a flow option; a flow has links and description",
                error(Map.of("link", "source/a -> sink/b")));
    }

    @Test
    public void refusesPipelinesInACircle() {
        assertEquals("links: the pipelines form a cycle: pipeline/a -> pipeline/b -> pipeline/a",
                error("source/s -> pipeline/a -> pipeline/b -> pipeline/a"));
    }

    @Test
    public void ignoresWhatTheFrameworkAdds() {
        FlowSpec spec = FlowParser.parse("f", Map.of("links", "source/a -> sink/b", "service.factoryPid", "weir.flow",
                "component.id", 3L, "description", "demo"));
        assertEquals("demo", spec.description());
    }
}
