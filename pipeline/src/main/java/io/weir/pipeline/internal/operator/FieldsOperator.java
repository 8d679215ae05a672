package io.weir.pipeline.internal.operator;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.weir.api.event.Event;
import io.weir.api.operator.Emitter;
import io.weir.api.operator.Operator;
import io.weir.pipeline.internal.expr.EventScope;
import io.weir.pipeline.internal.expr.Expression;
import io.weir.pipeline.internal.graph.PortAware;

/**
 * Changes the fields of map events. Every {@code set} expression sees the event as it arrived;
 * then the operator removes, renames, and sets, in that order. The renames move the fields as they are
 * after the removes: all the fields are taken away first, then put at their new paths, so a rename never
 * sees another's result. An event that fails reaches the caller as it arrived.
 *
 * <p>Only a target path with a field on the way can fail to be set (that field holds something other
 * than a map); such paths are checked on the event before anything changes. The factory refuses targets
 * that are the same or inside one another, so setting one target cannot make another fail, and the check
 * needs neither a copy nor an allocation.
 */
final class FieldsOperator implements Operator, PortAware {
    private final String node;
    private final FieldPath[] removes;
    private final FieldPath[] renameFrom;
    private final FieldPath[] renameTo;
    /** The renames' indexes, deepest source first: a source inside another is taken out of it first. */
    private final int[] renameOrder;
    /** Whether a rename's source can be there after the removes (no remove takes it away). */
    private final boolean[] renameLive;
    /** Every path removed before the targets are set: the removes and the rename sources. */
    private final FieldPath[] cleared;
    private final FieldPath[] sets;
    private final Expression[] values;
    /** Reused for the values computed from one event. */
    private final Object[] computed;
    /** Reused for the values the renames move. */
    private final Object[] moved;
    private final EventScope scope = new EventScope();

    FieldsOperator(String node, FieldPath[] removes, FieldPath[] renameFrom, FieldPath[] renameTo, FieldPath[] sets,
            Expression[] values) {
        this.node = node;
        this.removes = removes;
        this.renameFrom = renameFrom;
        this.renameTo = renameTo;
        this.sets = sets;
        this.values = values;
        this.computed = new Object[values.length];
        this.moved = new Object[renameFrom.length];
        this.renameOrder = IntStream.range(0, renameFrom.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> renameFrom[i].depth()).reversed())
                .mapToInt(Integer::intValue).toArray();
        this.renameLive = new boolean[renameFrom.length];
        for (int i = 0; i < renameFrom.length; i++) {
            renameLive[i] = true;
            for (FieldPath remove : removes) {
                if (remove.covers(renameFrom[i])) {
                    renameLive[i] = false;
                }
            }
        }
        this.cleared = Arrays.copyOf(removes, removes.length + renameFrom.length);
        System.arraycopy(renameFrom, 0, cleared, removes.length, renameFrom.length);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Event event, Emitter out) {
        if (!(event.value() instanceof Map)) {
            throw new IllegalArgumentException("node." + node + ": the event is "
                    + (event.value() == null ? "null" : "a " + event.value().getClass().getSimpleName())
                    + ", not a map; fields changes map events only");
        }
        Map<String, Object> arrived = (Map<String, Object>) event.value();
        try {
            scope.bind(event);
            for (int i = 0; i < values.length; i++) {
                computed[i] = values[i].value(scope);
            }
            // Nothing has changed yet: fail now, in the order the steps run, if a target cannot be set.
            for (int i = 0; i < renameTo.length; i++) {
                if (renameTo[i].nested() && renameLive[i] && renameFrom[i].present(arrived)) {
                    renameTo[i].checkSettable(arrived, cleared);
                }
            }
            for (FieldPath set : sets) {
                if (set.nested()) {
                    set.checkSettable(arrived, cleared);
                }
            }
        } catch (RuntimeException e) {
            Arrays.fill(computed, null);
            throw e;
        }
        Map<String, Object> root = FieldPath.writable(arrived);
        for (FieldPath remove : removes) {
            remove.remove(root);
        }
        for (int i : renameOrder) {
            moved[i] = renameFrom[i].remove(root);
        }
        for (int i = 0; i < renameTo.length; i++) {
            if (moved[i] != FieldPath.ABSENT) {
                renameTo[i].set(root, moved[i]);
            }
            moved[i] = null;
        }
        for (int i = 0; i < sets.length; i++) {
            sets[i].set(root, computed[i]);
            computed[i] = null;
        }
        event.value(root);
        out.emit(Emitter.OUT, event);
    }

    @Override
    public Set<String> outputPorts() {
        return Set.of(Emitter.OUT);
    }
}
