package io.weir.pipeline.testing;

import java.util.ArrayList;
import java.util.List;

import io.weir.api.event.Event;
import io.weir.pipeline.graph.PipelineListener;

/** A {@link PipelineListener} that remembers everything a pipeline did. */
public final class RecordingListener implements PipelineListener {
    public final List<String> ports = new ArrayList<>();
    public final List<Event> emitted = new ArrayList<>();
    public final List<Event> acked = new ArrayList<>();
    public final List<Event> failed = new ArrayList<>();
    public final List<String> pauses = new ArrayList<>();
    public final List<String> resumes = new ArrayList<>();
    public final List<String> operatorFailures = new ArrayList<>();

    @Override
    public void emit(String port, Event event) {
        ports.add(port);
        emitted.add(event);
    }

    @Override
    public void complete(Event event, boolean success) {
        (success ? acked : failed).add(event);
    }

    @Override
    public void pauseUpstream(String node, String reason) {
        pauses.add(node + ": " + reason);
    }

    @Override
    public void resumeUpstream(String node) {
        resumes.add(node);
    }

    @Override
    public void operatorFailed(String node, String call, Throwable error) {
        operatorFailures.add(node + " " + call + ": " + error.getMessage());
    }

    /** @return the values of the events that left through a port, in order */
    public List<Object> values(String port) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < emitted.size(); i++) {
            if (ports.get(i).equals(port)) {
                values.add(emitted.get(i).value());
            }
        }
        return values;
    }

    /** @return the events that left through a port, in order */
    public List<Event> events(String port) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < emitted.size(); i++) {
            if (ports.get(i).equals(port)) {
                events.add(emitted.get(i));
            }
        }
        return events;
    }
}
