/**
 * Writing whole days of span archive v1 from Spark tasks ({@link io.tracegraph.tools.archive.SparkArchiveWriter}):
 * each task streams its spans through the jobs' archive writer, the driver replaces the days written.
 */
package io.tracegraph.tools.archive;
