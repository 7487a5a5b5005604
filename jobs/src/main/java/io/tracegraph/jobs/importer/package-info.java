/**
 * {@code tracegraph import}: span files of other tools (OTLP JSON, Zipkin JSON, Jaeger JSON, CSV) into span archive
 * v1, streaming, without Spark. Each format has a reader ({@link io.tracegraph.jobs.importer.SpanFileReader}) that
 * hands {@link io.tracegraph.jobs.importer.SpanDraft}s to a sink; one class checks and normalises a draft for every
 * format; {@link io.tracegraph.jobs.importer.ImportJob} writes the spans through the archive writer, one day folder
 * per UTC day, moved into the archive when complete, with a record of each imported file.
 */
package io.tracegraph.jobs.importer;
