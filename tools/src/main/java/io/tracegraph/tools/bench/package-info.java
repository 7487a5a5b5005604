/**
 * The hidden commands {@code scripts/bench} runs: {@code selfjoin-baseline} (the plain Spark SQL reference point),
 * {@code huge-trace} (one trace of a million spans, for the memory check) and {@code origin-accuracy} (error origins
 * found against the generator's ground truth). Their shared options are {@link io.tracegraph.tools.bench.BenchDay}.
 */
package io.tracegraph.tools.bench;
