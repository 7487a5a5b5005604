package io.tracegraph.jobs.io;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own ({@code SCHEME:///path}), for test file systems that fail in a chosen way
 * ({@link FullDiskFileSystem}, {@link InterruptedCommitTest.KilledFileSystem}): registered in a Hadoop configuration
 * as {@code fs.SCHEME.impl}, it is used for exactly the paths a test gives that scheme.
 */
public abstract class LocalDiskUnderScheme extends RawLocalFileSystem {
  private final String scheme;

  protected LocalDiskUnderScheme(String scheme) {
    this.scheme = scheme;
  }

  @Override
  public URI getUri() {
    return URI.create(scheme + ":///");
  }

  @Override
  public String getScheme() {
    return scheme;
  }
}
