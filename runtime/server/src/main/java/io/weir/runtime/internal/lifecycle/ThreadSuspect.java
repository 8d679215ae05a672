package io.weir.runtime.internal.lifecycle;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A thread attributed to a removed plugin revision, held weakly (a live thread is a GC root anyway; an ended
 * one must not be kept), with the evidence that tied it to the plugin and, once it outlived the grace period,
 * its state and top frames at that moment.
 */
public final class ThreadSuspect {

    private final WeakReference<Thread> thread;
    private final String name;
    private final List<String> reasons;
    private volatile String state = "";
    private volatile List<String> frames = List.of();

    ThreadSuspect(Thread thread, List<String> reasons) {
        this.thread = new WeakReference<>(thread);
        this.name = thread.getName();
        this.reasons = List.copyOf(reasons);
    }

    /** True while the thread runs. */
    public boolean isAlive() {
        Thread t = thread.get();
        return t != null && t.isAlive();
    }

    boolean is(Thread candidate) {
        return thread.get() == candidate;
    }

    /** Records the thread's state and top frames as evidence (when it outlived the grace period). */
    void freeze() {
        Thread t = thread.get();
        if (t == null) {
            return;
        }
        state = t.getState().name();
        StackTraceElement[] trace = t.getStackTrace();
        List<String> top = new ArrayList<>();
        for (StackTraceElement frame : Arrays.copyOf(trace, Math.min(trace.length, ThreadAttribution.REPORTED_FRAMES))) {
            top.add(frame.toString());
        }
        if (trace.length > ThreadAttribution.REPORTED_FRAMES) {
            top.add("... " + (trace.length - ThreadAttribution.REPORTED_FRAMES) + " more");
        }
        frames = List.copyOf(top);
    }

    public String name() {
        return name;
    }

    public List<String> reasons() {
        return reasons;
    }

    /** The state when it was frozen, or empty. */
    public String state() {
        return state;
    }

    /** The top frames when it was frozen, or empty. */
    public List<String> frames() {
        return frames;
    }
}
