package io.weir.runtime.internal.manager;

/**
 * A stream of a source ended: the nodes downstream finish and drop what they keep for it (a sink's
 * encoder and postprocessors).
 *
 * @param source the source instance
 * @param stream the stream id
 */
public record StreamEnd(String source, long stream) {
}
