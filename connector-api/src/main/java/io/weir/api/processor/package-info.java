/**
 * Preprocessors and postprocessors: byte-level stages around the codec.
 *
 * <p>Preprocessors run on a source's raw bytes before decoding (split lines, strip length
 * prefixes, decompress); postprocessors run on encoded records before a sink writes them (add
 * separators, compress, chunk). A bundle registers a {@link io.weir.api.processor.PreprocessorFactory}
 * or {@link io.weir.api.processor.PostprocessorFactory} service with the property
 * {@value io.weir.api.processor.PreprocessorFactory#NAME} or
 * {@value io.weir.api.processor.PostprocessorFactory#NAME}; the runtime creates one
 * {@link io.weir.api.processor.Processor} per stream and chain position, so a processor may keep
 * per-stream state (a partial line) and is used by one thread at a time.
 */
@Export
@Version("1.1.0")
package io.weir.api.processor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
