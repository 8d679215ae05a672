package io.weir.api.connector;

import java.util.List;

import io.weir.api.event.Event;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One event handed to {@link Sink#write}: the event itself and its frames, the bytes the codec
 * and postprocessors made of it.
 */
@ProviderType
public interface SinkEvent {

    /** @return the event; the sink may read but should not keep it beyond the call unless deferred */
    Event event();

    /**
     * The encoded event after postprocessing: usually one frame, several when a postprocessor splits
     * (chunk). A byte stream sink writes them one after the other; a datagram sink sends one
     * datagram per frame.
     *
     * @return the frames; empty for a sink configured without a codec
     */
    List<byte[]> frames();

    /**
     * Takes over the acknowledgement of this event: the manager will not acknowledge it on
     * {@link Sink#flush}; the sink must call {@link Delivery#ack()} or {@link Delivery#fail(String)}
     * exactly once, from any thread. An event not completed within the manager's delivery timeout
     * is failed.
     *
     * @return the handle that completes this event
     */
    Delivery defer();
}
