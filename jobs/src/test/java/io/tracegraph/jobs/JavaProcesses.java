package io.tracegraph.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting JVMs from tests as a user's shell would: Spark's JVM options, a classpath, output to a log file. */
public final class JavaProcesses {
  private JavaProcesses() {}

  /** The JVM options Spark needs on Java 17+ (the build writes the root pom's list to this resource). */
  public static List<String> sparkJvmOptions() {
    try (InputStream in = JavaProcesses.class.getResourceAsStream("/tracegraph/jvm-options")) {
      return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java <Spark's options> -Xmx<heap> -cp <classpath> <mainClass> <args>}. */
  public static List<String> java(String classpath, String heap, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBin());
    command.addAll(sparkJvmOptions());
    command.addAll(List.of("-Xmx" + heap, "-cp", classpath, mainClass));
    command.addAll(args);
    return command;
  }

  /** Starts {@code command} with {@code env} added to this JVM's environment, stdout and stderr to {@code log}. */
  public static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** A finished process: its exit code and everything it printed. */
  public record Finished(int exitCode, String log) {}

  /** Runs {@code command} to its end (killed after {@code timeout}, which fails). */
  public static Finished run(List<String> command, Map<String, String> env, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Process process = start(command, env, log);
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      List<String> shown = command.stream().map(a -> a.length() > 300 ? "<" + a.length() + " chars>" : a).toList();
      throw new AssertionError("did not finish within " + timeout + ": " + shown + "\n" + Files.readString(log));
    }
    return new Finished(process.exitValue(), Files.readString(log));
  }
}
