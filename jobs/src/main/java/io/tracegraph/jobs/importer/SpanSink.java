package io.tracegraph.jobs.importer;

/** Where an import reader hands what it read, with the line (or row) it came from. */
interface SpanSink {
  /** A span as read; checked by {@link SpanDraft#finish}, a span that fails the checks is reported as unreadable. */
  void span(SpanDraft draft, long line);

  /** A line, row or span that could not be read: reported with its line number; fails the import with --strict. */
  void unreadable(long line, String reason);

  /** Read fine but not a span by the format's rules (a Zipkin fragment without timestamp): counted and reported. */
  void notASpan(long line, String reason);
}
