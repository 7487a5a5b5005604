package io.tracegraph.jobs.importer;

import java.io.IOException;
import java.io.InputStream;

/** Reads one input file of some format as a stream, handing spans and problems to a sink as it goes. */
interface SpanFileReader {
  void read(InputStream in, SpanSink sink) throws IOException;
}
