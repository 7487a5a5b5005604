package io.tracegraph.jobs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API on 127.0.0.1 for tests: S3Proxy (Maven Central {@code org.gaul:s3proxy}, its self-contained jar,
 * which the build copies to {@code target/s3proxy/}) in its own JVM. It runs in a separate process because its jetty,
 * jclouds, guava, netty and logback are other versions than Spark's. It listens on a free port (it binds port 0 and
 * logs the one it got) and requires AWS signatures with the given key pair, so a client without the right
 * credentials fails.
 *
 * <p>The objects are kept in S3Proxy's memory (jclouds' {@code transient} store), not in its filesystem backends:
 * the {@code filesystem} backend stores S3A's directory markers as folders and retries deleting a non-empty one for
 * 10 s (every Spark write deletes its {@code _temporary/0/} marker that way), and {@code filesystem-nio2} lists
 * folders without a size, which S3A cannot read.
 */
public final class S3Proxy implements AutoCloseable {
  public static final String REGION = "us-east-1";
  private static final Pattern STARTED = Pattern.compile("Started ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)}");

  private final Process process;
  private final Path log;
  private final int port;
  private final String accessKey;
  private final String secretKey;

  private S3Proxy(Process process, Path log, int port, String accessKey, String secretKey) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts S3Proxy with its log under {@code dir}, waits until it listens, and creates the given buckets. */
  public static S3Proxy start(Path dir, String accessKey, String secretKey, String... buckets) throws Exception {
    Path jar = Path.of(System.getProperty("tracegraph.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("no S3Proxy jar at " + jar + ": the build copies it (mvn process-test-resources)");
    }
    Files.createDirectories(dir);
    Path conf = dir.resolve("s3proxy.conf");
    Files.writeString(conf, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:0",
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "jclouds.provider=transient",
        ""));
    Path log = dir.resolve("s3proxy.log");
    Process process = new ProcessBuilder(JavaProcesses.javaBin(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString(),
        "--properties", conf.toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = STARTED.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        S3Proxy s3 = new S3Proxy(process, log, Integer.parseInt(m.group(1)), accessKey, secretKey);
        s3.createBuckets(buckets);
        return s3;
      }
      if (!process.isAlive()) throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("S3Proxy did not start within 60 s: " + Files.readString(log));
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates buckets with the AWS SDK (S3A does not create them). */
  private void createBuckets(String... buckets) {
    try (S3Client client = S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build()) {
      for (String bucket : buckets) client.createBucket(b -> b.bucket(bucket));
    }
  }

  public Path log() {
    return log;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /**
   * The S3A settings for this server, without credentials (they come from the standard places): its endpoint, path
   * style addressing and plain HTTP as S3-compatible stores need, a region, and single-object deletes, because
   * S3Proxy rejects the checksum header the AWS SDK puts on bulk deletes ("Unknown header x-amz-checksum-crc32"; so
   * do some other S3-compatible stores).
   */
  public Map<String, String> s3aSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("fs.s3a.endpoint", endpoint());
    s.put("fs.s3a.endpoint.region", REGION);
    s.put("fs.s3a.path.style.access", "true");
    s.put("fs.s3a.connection.ssl.enabled", "false");
    s.put("fs.s3a.multiobjectdelete.enable", "false");
    s.put("fs.s3a.attempts.maximum", "2"); // a test failure should not wait through the production retry policy
    s.put("fs.s3a.retry.limit", "2");
    return s;
  }

  /** {@link #s3aSettings()} as {@code --conf spark.hadoop.KEY=VALUE} arguments, as a user would pass them. */
  public List<String> confArgs() {
    List<String> args = new ArrayList<>();
    s3aSettings().forEach((k, v) -> {
      args.add("--conf");
      args.add("spark.hadoop." + k + "=" + v);
    });
    return args;
  }

  /** The credentials as {@code --conf} arguments (the Hadoop configuration, one of the standard places). */
  public List<String> credentialConfArgs() {
    return List.of("--conf", "spark.hadoop.fs.s3a.access.key=" + accessKey,
        "--conf", "spark.hadoop.fs.s3a.secret.key=" + secretKey);
  }

  /** The credentials as the environment variables the AWS SDK reads (another standard place). */
  public Map<String, String> credentialEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_REGION", REGION);
  }

  /** Applies {@link #s3aSettings()} and the credentials to a Hadoop configuration (for the test's own reads). */
  public Configuration configure(Configuration conf) {
    s3aSettings().forEach(conf::set);
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    return conf;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(15, TimeUnit.SECONDS);
    }
  }
}
