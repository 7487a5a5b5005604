/**
 * Span archive v1, tracegraph's own input format: Parquet files under {@code ROOT/date=YYYY-MM-DD/}, each span in the
 * partition of its start's UTC day. {@link io.tracegraph.jobs.archive.SpanArchiveSchema} is its schema (pinned by a
 * golden file), {@link io.tracegraph.jobs.archive.ArchiveFiles} lists and checks a root's files,
 * {@link io.tracegraph.jobs.archive.ArchiveSpan} is one row, and {@link io.tracegraph.jobs.archive.ArchiveWriter}
 * the one writer of the format, without Spark: the importer writes each input file through it, and the tools'
 * generator and benchmark write through it from each Spark task. Reading the archive for the nightly job is a
 * source ({@code source.ArchiveSource}).
 */
package io.tracegraph.jobs.archive;
