/**
 * Codecs turn the bytes of one record into a JSON-like value and back.
 *
 * <p>A codec bundle registers each {@link io.weir.api.codec.Codec} as an OSGi service with the
 * service property {@value io.weir.api.codec.Codec#NAME}; connectors name the codec they use in
 * their configuration. The runtime creates one {@link io.weir.api.codec.Decoder} per source
 * stream and one {@link io.weir.api.codec.Encoder} per sink stream, so a decoder or encoder may
 * keep state (a CSV header) and is only ever used by one thread at a time.
 */
@Export
@Version("1.0.0")
package io.weir.api.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
