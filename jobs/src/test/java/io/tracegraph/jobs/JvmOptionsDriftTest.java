package io.tracegraph.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The JVM options kept in the root pom (spark.jvm.options, used by Surefire and written for scripts/tracegraph)
 * must include every option Spark's own launcher adds, so nothing breaks when Spark's list grows.
 */
class JvmOptionsDriftTest {
  @Test
  void ourOptionsIncludeSparksModuleOptions() throws Exception {
    String ours;
    try (InputStream in = getClass().getResourceAsStream("/tracegraph/jvm-options")) {
      ours = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    List<String> ourList = Arrays.asList(ours.split("\\s+"));
    for (String option : JavaModuleOptions.defaultModuleOptionArray()) {
      assertTrue(ourList.contains(option), "spark.jvm.options in pom.xml lacks " + option);
    }
    assertTrue(ourList.get(0).equals("-XX:+IgnoreUnrecognizedVMOptions"), "same list must run on Java 17 and 25");
  }
}
