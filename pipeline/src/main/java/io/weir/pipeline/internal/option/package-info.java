/** Lenient, well-reported parsing of the options plugins and operators receive. */
package io.weir.pipeline.internal.option;
