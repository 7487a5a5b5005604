/**
 * {@code tracegraph generate}: a web shop of 22 services ({@code ShopWorld}) whose traces are synthesised one slot
 * at a time, each from its own random stream ({@code TraceSynthesizer}), with the imperfections of real archives
 * injected at documented rates ({@code Imperfections}); written as span archive v1 through the archive writer
 * ({@code TraceSlotsToArchiveSpans}), with the ground truth under {@code ROOT/_generator/}
 * ({@link io.tracegraph.tools.generate.GeneratorSchemas}, {@code GeneratorSummary}). Same options and seed, same rows,
 * whatever the Spark partitioning.
 */
package io.tracegraph.tools.generate;
