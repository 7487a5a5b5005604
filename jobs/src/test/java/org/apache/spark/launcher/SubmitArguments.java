package org.apache.spark.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spark-submit command line split by Spark's own parser of its options ({@link SparkSubmitOptionParser}, package
 * private, hence this package): the options with their values, the application jar and the application's
 * arguments. An option spark-submit does not know is an error, as it is for spark-submit. Tests only.
 */
public final class SubmitArguments extends SparkSubmitOptionParser {
  /** The options in order; a repeated option (--conf) keeps every value, joined by a newline. */
  public final Map<String, String> options = new LinkedHashMap<>();
  public String application;
  public final List<String> applicationArgs = new ArrayList<>();

  public static SubmitArguments of(List<String> args) {
    SubmitArguments parsed = new SubmitArguments();
    parsed.parse(args);
    if (parsed.application == null) throw new IllegalArgumentException("no application jar in " + args);
    return parsed;
  }

  /** The values of a repeated option such as --conf. */
  public List<String> all(String option) {
    String value = options.get(option);
    return value == null ? List.of() : List.of(value.split("\n"));
  }

  @Override
  protected boolean handle(String opt, String value) {
    options.merge(opt, value == null ? "" : value, (a, b) -> a + "\n" + b);
    return true;
  }

  @Override
  protected boolean handleUnknown(String opt) {
    if (opt.startsWith("-")) throw new IllegalArgumentException("spark-submit has no option " + opt);
    application = opt;
    return false;
  }

  @Override
  protected void handleExtraArgs(List<String> extra) {
    applicationArgs.addAll(extra);
  }
}
