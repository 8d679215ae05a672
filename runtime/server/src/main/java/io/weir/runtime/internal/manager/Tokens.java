package io.weir.runtime.internal.manager;

/**
 * The tokens that travel with one event: {@code null} for an untracked event, a {@link Token} for an
 * event with one input, a {@code Token[]} (aligned with the event's ids, entries may be null) for an
 * event that stands for several inputs. A plain {@code Object} keeps the common case free of arrays.
 */
public final class Tokens {
    private Tokens() {
    }

    /**
     * Adds holders to every token.
     *
     * @param tokens the event's tokens
     * @param copies holders to add
     */
    public static void retain(Object tokens, int copies) {
        if (tokens instanceof Token token) {
            token.retain(copies);
        } else if (tokens instanceof Token[] all) {
            for (Token token : all) {
                if (token != null) {
                    token.retain(copies);
                }
            }
        }
    }

    /**
     * Lets go of one hold on every token.
     *
     * @param tokens  the event's tokens
     * @param success whether the copy was delivered
     */
    public static void release(Object tokens, boolean success) {
        if (tokens instanceof Token token) {
            token.release(success);
        } else if (tokens instanceof Token[] all) {
            for (Token token : all) {
                if (token != null) {
                    token.release(success);
                }
            }
        }
    }

    /**
     * Marks every input failed without letting go of a hold: the holder's release decides when.
     *
     * @param tokens the event's tokens
     */
    public static void markFailed(Object tokens) {
        if (tokens instanceof Token token) {
            token.markFailed();
        } else if (tokens instanceof Token[] all) {
            for (Token token : all) {
                if (token != null) {
                    token.markFailed();
                }
            }
        }
    }
}
