package io.tracegraph.jobs.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --conf KEY=VALUE}, repeatable: Spark settings for the command's session, as spark-submit takes them
 * ({@code spark.executor.memory=8g}; {@code spark.hadoop.*} go to Hadoop's configuration, e.g.
 * {@code spark.hadoop.fs.s3a.endpoint=URL}). A picocli mixin: each command that builds a SparkSession declares
 * {@code @Mixin SparkConfOption sparkConf} and hands {@link #settings()} to {@code SparkSessions.create}.
 *
 * <p>The value is split at the first {@code =}, so values may contain {@code =} themselves. A key that is not a Spark
 * setting is a usage error (spark-submit ignores it with a warning, which hides the common slip of writing a Hadoop
 * key without its {@code spark.hadoop.} prefix); so is {@code spark.master}, which {@code --master} sets. A key given
 * twice takes its last value. Values are never printed: they may be credentials.
 */
public final class SparkConfOption {
  /** Settings that start with this go to Hadoop's configuration, without it. */
  public static final String HADOOP_PREFIX = "spark.hadoop.";

  @Option(names = "--conf", paramLabel = "KEY=VALUE", converter = {SparkConfOption.Key.class, SparkConfOption.Value.class},
      description = "A Spark setting for this run, as spark-submit takes it: spark.executor.memory=8g, "
          + "spark.hadoop.fs.s3a.endpoint=URL (spark.hadoop.* go to Hadoop's configuration). Repeatable; wins over "
          + "tracegraph's defaults.")
  private Map<String, String> settings = new LinkedHashMap<>();

  /** The settings in the order given, a key given twice with its last value. */
  public Map<String, String> settings() {
    return Collections.unmodifiableMap(settings);
  }

  /**
   * The {@code spark.hadoop.*} settings as Hadoop keys (prefix removed), for commands that use Hadoop's file
   * systems without a SparkSession.
   */
  public Map<String, String> hadoopSettings() {
    Map<String, String> hadoop = new LinkedHashMap<>();
    settings.forEach((k, v) -> {
      if (k.startsWith(HADOOP_PREFIX)) hadoop.put(k.substring(HADOOP_PREFIX.length()), v);
    });
    return hadoop;
  }

  /** A Spark setting's name: {@code spark.} and more, no spaces, not {@code spark.master}. */
  static final class Key implements ITypeConverter<String> {
    @Override
    public String convert(String key) {
      String k = key.strip();
      if (k.isEmpty()) throw new TypeConversionException("a setting needs a name before '=' (KEY=VALUE)");
      if (k.chars().anyMatch(Character::isWhitespace)) {
        throw new TypeConversionException("'" + k + "' is not a setting name: it contains a space");
      }
      if (k.equals("spark.master")) throw new TypeConversionException("use --master URL for spark.master");
      if (!k.startsWith("spark.") || k.length() == "spark.".length()) {
        throw new TypeConversionException("'" + k + "' is not a Spark setting: Spark settings start with 'spark.'; "
            + "a Hadoop setting goes as " + HADOOP_PREFIX + k + "=...");
      }
      return k;
    }
  }

  /** Any value, as given (it may hold '=' or be empty). */
  static final class Value implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return value;
    }
  }
}
