package io.tracegraph.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build was made as, and the Spark version it was built against (filtered by Maven). */
public final class BuildInfo {
  private static final Properties PROPERTIES = load();

  private BuildInfo() {}

  public static String version() {
    return PROPERTIES.getProperty("version", "unknown");
  }

  public static String sparkVersion() {
    return PROPERTIES.getProperty("spark.version", "unknown");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/tracegraph/build.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
