package io.tracegraph.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket, with the JDK's own client): loads a
 * page from disk and records what a person's browser would show and do: console messages, uncaught exceptions,
 * browser log entries (CSP violations land there) and every network request. The flags are the ones this machine
 * needs (no sandbox as root, no background networking). Tests skip with a message when no Chromium is installed;
 * {@code .ci/run} installs it.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** What happened while a page loaded. */
  public record PageResult(List<String> console, List<String> exceptions, List<String> logErrors,
                           List<String> requests, Map<String, JsonNode> values, Path screenshot) {
    /** Everything that a clean page would not produce: console errors and warnings, exceptions, log errors. */
    public List<String> problems() {
      List<String> all = new ArrayList<>(console);
      all.addAll(exceptions);
      all.addAll(logErrors);
      return all;
    }
  }

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  /** The Chromium binary: $CHROMIUM, else the first of the usual names on this machine. */
  public static Optional<Path> executable() {
    String env = System.getenv("CHROMIUM");
    if (env != null && Files.isExecutable(Path.of(env))) return Optional.of(Path.of(env));
    for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(p))) return Optional.of(Path.of(p));
    }
    return Optional.empty();
  }

  public static HeadlessChromium start(Path binary, Path userDataDir) throws Exception {
    Files.createDirectories(userDataDir);
    Path portFile = userDataDir.resolve("DevToolsActivePort");
    Files.deleteIfExists(portFile);
    Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-default-apps", "--disable-extensions", "--mute-audio",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--user-data-dir=" + userDataDir, "about:blank")
        .redirectErrorStream(true).redirectOutput(userDataDir.resolve("chromium.log").toFile()).start();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("Chromium did not start: " + Files.readString(userDataDir.resolve("chromium.log")));
      }
      Thread.sleep(50);
    }
    List<String> lines = Files.readAllLines(portFile);
    return new HeadlessChromium(process, URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim()));
  }

  private HeadlessChromium(Process process, URI uri) throws Exception {
    this.process = process;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
        .buildAsync(uri, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        try {
          JsonNode message = Json.mapper().readTree(buffer.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
            if (f != null) f.complete(message);
          } else {
            synchronized (events) {
              events.add(message);
              events.notifyAll();
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } finally {
          buffer.setLength(0);
        }
      }
      ws.request(1);
      return null;
    }
  }

  private JsonNode send(String sessionId, String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", Json.mapper().valueToTree(params));
    if (sessionId != null) message.put("sessionId", sessionId);
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(Json.mapper().writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (answer.has("error")) throw new IllegalStateException(method + ": " + answer.get("error"));
    return answer.get("result");
  }

  private void awaitEvent(String sessionId, String method) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (events) {
      while (events.stream().noneMatch(e -> method.equals(e.path("method").asText())
          && sessionId.equals(e.path("sessionId").asText()))) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) throw new IllegalStateException("timed out waiting for " + method);
        events.wait(left);
      }
    }
  }

  /**
   * Opens {@code page} in a fresh tab of the given viewport size, waits for its load event and a moment for its
   * script, saves a screenshot of the viewport to {@code screenshot}, then evaluates each expression (by value) in
   * order.
   */
  public PageResult load(Path page, int width, int height, Map<String, String> expressions, Path screenshot)
      throws Exception {
    return load(page.toUri().toString(), width, height, expressions, screenshot);
  }

  /** As {@link #load(Path, int, int, Map, Path)}, for a URL (a page from disk with a fragment, {@code ...#trace-x}). */
  public PageResult load(String url, int width, int height, Map<String, String> expressions, Path screenshot)
      throws Exception {
    String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    String session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
        .get("sessionId").asText();
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) send(session, domain + ".enable", Map.of());
    send(session, "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    send(session, "Page.navigate", Map.of("url", url));
    awaitEvent(session, "Page.loadEventFired");
    Thread.sleep(300); // let the page's script finish and late messages arrive
    String png = send(session, "Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
    Files.createDirectories(screenshot.getParent());
    Files.write(screenshot, Base64.getDecoder().decode(png));
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (var e : expressions.entrySet()) {
      JsonNode r = send(session, "Runtime.evaluate", Map.of("expression", e.getValue(), "returnByValue", true));
      if (r.has("exceptionDetails")) throw new IllegalStateException(e.getKey() + ": " + r.get("exceptionDetails"));
      values.put(e.getKey(), r.get("result").get("value"));
    }
    send(null, "Target.closeTarget", Map.of("targetId", target));

    List<String> console = new ArrayList<>();
    List<String> exceptions = new ArrayList<>();
    List<String> logErrors = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    synchronized (events) {
      for (JsonNode e : events) {
        if (!session.equals(e.path("sessionId").asText())) continue;
        JsonNode p = e.path("params");
        switch (e.path("method").asText()) {
          case "Runtime.consoleAPICalled" -> {
            String type = p.path("type").asText();
            if (type.equals("error") || type.equals("warning") || type.equals("assert")) console.add(type + ": " + p.path("args"));
          }
          case "Runtime.exceptionThrown" -> exceptions.add(p.path("exceptionDetails").toString());
          case "Log.entryAdded" -> {
            if (!p.path("entry").path("level").asText().equals("verbose")) logErrors.add(p.path("entry").toString());
          }
          case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
          case "Page.javascriptDialogOpening" -> exceptions.add("dialog opened: " + p);
          default -> { }
        }
      }
    }
    return new PageResult(console, exceptions, logErrors, requests, values, screenshot);
  }

  @Override
  public void close() throws Exception {
    try {
      send(null, "Browser.close", Map.of());
    } catch (Exception e) {
      // closing anyway
    }
    socket.abort();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
