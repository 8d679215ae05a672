package io.weir.runtime.internal.manager;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

import io.weir.api.event.Event;
import io.weir.api.event.EventId;

/**
 * The inputs a pipeline holds: the tokens of every event fed into it and not yet emitted or
 * completed. The pipeline engine reports what leaves it by event, so the runner finds the tokens by
 * the event's ids (the very {@link EventId} objects the source created, compared by identity).
 *
 * <p>Holds touched while the pipeline handles one event or one tick (the event emitted, merged into
 * a batch that was emitted, dropped, failed) are let go of only after that call returns, so an
 * operator that emits several events for one input within the call keeps them all tracked. Used by
 * the pipeline's thread only.
 */
final class Holds {
    private final IdentityHashMap<EventId, Hold> byId = new IdentityHashMap<>();
    private final List<Hold> touched = new ArrayList<>();

    /**
     * An event entered the pipeline; its tokens already count this holder.
     *
     * @param event  the event
     * @param tokens its tokens
     */
    void enter(Event event, Object tokens) {
        if (tokens instanceof Token token) {
            hold(event.id(), token);
        } else if (tokens instanceof Token[] all) {
            List<EventId> ids = event.ids();
            for (int i = 0; i < all.length && i < ids.size(); i++) {
                if (all[i] != null) {
                    hold(ids.get(i), all[i]);
                }
            }
        }
    }

    private void hold(EventId id, Token token) {
        Hold hold = byId.get(id);
        if (hold == null) {
            hold = new Hold(id, token);
            byId.put(id, hold);
        }
        hold.count++;
    }

    /**
     * An event leaves the pipeline: finds the tokens of the inputs it stands for.
     *
     * @param event the event emitted
     * @return its tokens (see {@link Tokens}); {@code null} when none of its inputs is held
     */
    Object tokensFor(Event event) {
        if (byId.isEmpty()) {
            // Untracked events (a source that wants no outcomes): no identity hash, no lookup.
            return null;
        }
        List<EventId> ids = event.ids();
        if (ids.size() == 1) {
            Hold hold = byId.get(ids.get(0));
            if (hold == null) {
                return null;
            }
            touch(hold);
            return hold.token;
        }
        Token[] tokens = null;
        for (int i = 0; i < ids.size(); i++) {
            Hold hold = byId.get(ids.get(i));
            if (hold != null) {
                if (tokens == null) {
                    tokens = new Token[ids.size()];
                }
                touch(hold);
                tokens[i] = hold.token;
            }
        }
        return tokens;
    }

    /**
     * An event ended inside the pipeline.
     *
     * @param event   the event
     * @param success acknowledged (dropped on purpose) or failed
     */
    void complete(Event event, boolean success) {
        if (byId.isEmpty()) {
            return;
        }
        for (EventId id : event.ids()) {
            Hold hold = byId.get(id);
            if (hold != null) {
                touch(hold);
                if (!success) {
                    hold.token.markFailed();
                }
            }
        }
    }

    private void touch(Hold hold) {
        if (hold.touches++ == 0) {
            touched.add(hold);
        }
    }

    /** The call into the pipeline returned: lets go of the holds it touched. */
    void settle() {
        for (Hold hold : touched) {
            int n = Math.min(hold.touches, hold.count);
            hold.touches = 0;
            hold.count -= n;
            if (hold.count == 0) {
                byId.remove(hold.id);
            }
            for (int i = 0; i < n; i++) {
                hold.token.release(true);
            }
        }
        touched.clear();
    }

    /**
     * The pipeline stopped or broke: everything still held is failed, so sources can replay it.
     *
     * @return the number of inputs failed
     */
    int failAll() {
        touched.clear();
        int failed = 0;
        for (Hold hold : byId.values()) {
            for (int i = 0; i < hold.count; i++) {
                hold.token.release(false);
            }
            failed++;
        }
        byId.clear();
        return failed;
    }

    /** @return the number of inputs held */
    int size() {
        return byId.size();
    }

    private static final class Hold {
        final EventId id;
        final Token token;
        int count;
        int touches;

        Hold(EventId id, Token token) {
            this.id = id;
            this.token = token;
        }
    }
}
