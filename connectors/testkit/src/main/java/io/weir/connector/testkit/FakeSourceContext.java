package io.weir.connector.testkit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.weir.api.connector.SourceContext;

/**
 * The runtime's side of an open source, for tests: a name, a restored state, a close timeout, the
 * streams the runtime would let the source continue, and a record of the connection losses, the
 * counted errors, the endpoint and the stream continuations the source reported. Thread-safe, as the
 * real one is.
 */
public final class FakeSourceContext implements SourceContext {
    private final String name;
    private final Map<String, Object> restored;
    private final List<String> lost = new CopyOnWriteArrayList<>();
    private final List<Reported> errors = new CopyOnWriteArrayList<>();
    private volatile String endpoint;
    private final Set<Long> continuable = ConcurrentHashMap.newKeySet();
    private final List<Long> continued = new CopyOnWriteArrayList<>();
    private final List<Long> refused = new CopyOnWriteArrayList<>();
    private volatile long closeTimeoutMillis = 5000;

    /** A context named {@code test}, with nothing restored. */
    public FakeSourceContext() {
        this("test");
    }

    /** @param name the instance name, which connectors put in thread names and messages */
    public FakeSourceContext(String name) {
        this(name, Map.of());
    }

    /**
     * @param name     the instance name
     * @param restored the state a previous instance handed over, as after a hot swap
     */
    public FakeSourceContext(String name, Map<String, Object> restored) {
        this.name = name;
        this.restored = restored;
    }

    /**
     * @param millis what {@link #closeTimeoutMillis()} answers from now on (5000 until set)
     * @return this context
     */
    public FakeSourceContext withCloseTimeoutMillis(long millis) {
        this.closeTimeoutMillis = millis;
        return this;
    }

    /**
     * @param streams stream ids {@link #continueStream} accepts from now on, as the runtime does for the
     *                streams a swapped predecessor left open (none until set); each is accepted once
     * @return this context
     */
    public FakeSourceContext withContinuableStreams(long... streams) {
        for (long stream : streams) {
            continuable.add(stream);
        }
        return this;
    }

    /** @return the streams {@link #continueStream} accepted, in call order */
    public List<Long> continued() {
        return List.copyOf(continued);
    }

    /** @return the streams {@link #continueStream} refused, in call order */
    public List<Long> refused() {
        return List.copyOf(refused);
    }

    /** @return the reasons of every {@link #connectionLost} call, oldest first */
    public List<String> lost() {
        return List.copyOf(lost);
    }

    /**
     * One {@link #error} call.
     *
     * @param kind    the kind, as the source passed it
     * @param message the message, as the source passed it
     */
    public record Reported(String kind, String message) {
    }

    /** @return every {@link #error} call, oldest first */
    public List<Reported> errors() {
        return List.copyOf(errors);
    }

    /**
     * @param kind a kind
     * @return how many errors of that kind the source reported
     */
    public long errors(String kind) {
        return errors.stream().filter(e -> e.kind().equals(kind)).count();
    }

    /** @return the kind of every {@link #error} call, oldest first */
    public List<String> errorKinds() {
        return errors.stream().map(Reported::kind).toList();
    }

    /** @return the last endpoint the source reported, or null */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> restoredState() {
        return restored;
    }

    @Override
    public void connectionLost(String reason) {
        lost.add(reason);
    }

    @Override
    public long closeTimeoutMillis() {
        return closeTimeoutMillis;
    }

    @Override
    public void error(String kind, String message) {
        errors.add(new Reported(kind, message));
    }

    @Override
    public void endpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean continueStream(long stream) {
        if (continuable.remove(stream)) {
            continued.add(stream);
            return true;
        }
        refused.add(stream);
        return false;
    }
}
