package org.openlgd.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket, no extra library): open a page, evaluate
 * JavaScript in it, take a screenshot. {@link #close()} kills the browser by PID.
 */
final class Chromium implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final WebSocket page;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

  /** The Chromium binary on this machine, or null. */
  static String binary() {
    for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    return null;
  }

  Chromium(String binary, int width, int height) throws Exception {
    profile = Files.createTempDirectory("openlgd-chromium");
    process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true).start();
    String ws = null;
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (String line; ws == null && System.nanoTime() < until && (line = out.readLine()) != null; ) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        ws = m.group(1);
      }
    }
    if (ws == null) {
      close();
      throw new IllegalStateException("Chromium did not open its DevTools port");
    }
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // discard the browser's log
        }
      } catch (IOException ignored) {
        // the browser has gone
      }
    }, "chromium-log");
    drain.setDaemon(true);
    drain.start();
    URI browser = URI.create(ws);
    HttpClient http = HttpClient.newHttpClient();
    String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String pageWs = new JsonArray(list).stream().map(JsonObject.class::cast)
        .filter(t -> "page".equals(t.getString("type"))).findFirst().orElseThrow().getString("webSocketDebuggerUrl");
    page = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(pageWs), new Listener()).get(10, TimeUnit.SECONDS);
    call("Page.enable", new JsonObject());
    call("Runtime.enable", new JsonObject());
  }

  /** Sends one DevTools command and waits for its result. */
  JsonObject call(String method, JsonObject params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    pending.put(id, reply);
    page.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true);
    JsonObject r = reply.get(30, TimeUnit.SECONDS);
    if (r.containsKey("error")) {
      throw new IllegalStateException(method + ": " + r.getJsonObject("error").encode());
    }
    return r.getJsonObject("result");
  }

  void open(String url) throws Exception {
    call("Page.navigate", new JsonObject().put("url", url));
  }

  /** The value of a JavaScript expression in the page (JSON-serialisable values only). */
  Object eval(String expression) throws Exception {
    JsonObject r = call("Runtime.evaluate", new JsonObject().put("expression", expression).put("returnByValue", true));
    if (r.containsKey("exceptionDetails")) {
      throw new IllegalStateException("page error: " + r.getJsonObject("exceptionDetails").encode());
    }
    return r.getJsonObject("result").getValue("value");
  }

  /** Polls {@code expression} every 200 ms until it is true, up to {@code seconds}; false on timeout. */
  boolean waitFor(String expression, int seconds) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < until) {
      // errors while the page is still loading (no body yet) count as "not yet"
      if (Boolean.TRUE.equals(eval("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()"))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** A PNG of the whole page. */
  void screenshot(Path file) throws Exception {
    JsonObject r = call("Page.captureScreenshot", new JsonObject().put("format", "png").put("captureBeyondViewport", true));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(r.getString("data")));
  }

  @Override
  public void close() throws Exception {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    try (var walk = Files.walk(profile)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonObject msg = new JsonObject(text.toString());
        text.setLength(0);
        Integer id = msg.getInteger("id");
        if (id != null && pending.containsKey(id)) {
          pending.remove(id).complete(msg);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
