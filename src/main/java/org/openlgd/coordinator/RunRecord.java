package org.openlgd.coordinator;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openlgd.api.JsonValues;
import org.openlgd.api.ServerInfo;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.ops.JarStamp;
import org.openlgd.stats.WeightedAverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of one coordinator run, in a directory {@code <runs>/<yyyyMMdd-HHmmss>-<run id>/}:
 * <ul>
 *   <li>{@code manifest.json}: run id, start time, the command's config with secrets removed and its SHA-256, the
 *       code version (project version, and the jar with the content digest stamped into it at build time), Java version, and each server's id, address,
 *       rows and data fingerprint: everything needed to repeat the run;</li>
 *   <li>{@code rounds.jsonl}: one JSON line per round (see {@link #roundLine});</li>
 *   <li>{@code result.json}: the {@code --json} result, with {@code "status": "succeeded"}, or
 *       {@code {"status": "failed", "error": ...}}.</li>
 * </ul>
 * Files are written on a thread of the record's own, never on the caller's (an event loop); {@link #close()} waits
 * for the writes.
 */
public final class RunRecord implements RunListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunRecord.class);
  private static final Pattern SECRET = Pattern.compile("(?i).*(token|password|secret).*");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path runs;
  private final String command;
  private final JsonObject config;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "openlgd-run-record");
    t.setDaemon(true);
    return t;
  });
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private volatile Path dir;
  private String runId;
  private Instant startedAt;
  private Model model;
  private List<String> features = List.of();
  private double[] previous;

  /**
   * @param runs    the folder that holds the run directories
   * @param command the command that runs ("coordinator", "simulate", "dashboard")
   * @param config  the command's config as given (secrets are removed before it is written)
   */
  public RunRecord(Path runs, String command, JsonObject config) {
    this.runs = runs;
    this.command = command;
    this.config = config == null ? new JsonObject() : config.copy();
  }

  /** The run's directory, once the run has started; else null. */
  public Path directory() {
    return dir;
  }

  @Override
  public void runStarted(String id, CoordinatorConfig cfg) {
    runId = id;
    startedAt = Instant.now();
    model = cfg.model();
    dir = runs.resolve(STAMP.format(startedAt) + "-" + id);
    Path d = dir;
    write(() -> Files.createDirectories(d));
  }

  @Override
  public void serversFound(Model m, List<ServerInfo> servers) {
    features = ServerInfo.columns(servers).features();
    JsonArray list = new JsonArray();
    for (ServerInfo s : servers) {
      list.add(new JsonObject().put("id", s.id()).put("address", s.url()).put("n", s.n()).put("fingerprint", s.fingerprint())
          .put("dataFingerprint", s.dataFingerprint()));
    }
    JsonObject clean = withoutSecrets(config);
    JsonObject manifest = new JsonObject()
        .put("runId", runId)
        .put("startedAt", startedAt.toString())
        .put("command", command)
        .put("config", clean)
        .put("configSha256", sha256(canonical(clean).getBytes(StandardCharsets.UTF_8)))
        .put("code", code())
        .put("model", m.wireName())
        .put("target", servers.get(0).target())
        .put("features", new JsonArray(List.copyOf(features)))
        .put("servers", list);
    text("manifest.json", manifest.encodePrettily() + "\n", false);
  }

  /** {@code design.json}: the formula, the levels and reference of each categorical, the rows dropped per server. */
  @Override
  public void designed(DesignSummary design) {
    features = design.columns();
    text("design.json", design.toJson().encodePrettily() + "\n", false);
  }

  @Override
  public void round(FederatedResult.Round round) {
    JsonObject line = roundLine(round, previous, model == null ? null : model.parameterNames(features));
    previous = round.combined();
    text("rounds.jsonl", line.encode() + "\n", true);
  }

  /**
   * One line of {@code rounds.jsonl}: {@code round} (the id sent to the servers), {@code epoch} (epoch, or scoring
   * round), {@code participants} ([{address, n}]), {@code absent} (["address: reason"]), {@code millis},
   * {@code stepNorm} (||delta beta|| since the previous round, null for the first), {@code maxAbsChange},
   * {@code deviance} (iterative models; else null) and {@code parameters} (by name); {@code attempts} when a secure
   * round was asked more than once.
   */
  public static JsonObject roundLine(FederatedResult.Round round, double[] previous, List<String> names) {
    JsonArray participants = new JsonArray();
    for (int k = 0; k < round.estimates().size(); k++) {
      LocalEstimate e = round.estimates().get(k);
      participants.add(new JsonObject().put("address", k < round.participants().size() ? round.participants().get(k) : null)
          .put("n", e.n()));
    }
    JsonObject params = new JsonObject();
    double[] b = round.combined();
    for (int j = 0; j < b.length; j++) {
      params.put(names != null && j < names.size() ? names.get(j) : "b" + j, b[j]);
    }
    JsonObject line = new JsonObject()
        .put("round", round.id())
        .put("epoch", round.epoch())
        .put("participants", participants)
        .put("absent", new JsonArray(round.absent()))
        .put("millis", round.millis())
        .put("stepNorm", previous == null || previous.length != b.length ? null : WeightedAverage.l2Diff(previous, b))
        .put("maxAbsChange", JsonValues.orNull(round.maxAbsChange()))
        .put("deviance", JsonValues.orNull(round.deviance()))
        .put("parameters", params);
    return round.attempts() > 1 ? line.put("attempts", round.attempts()) : line;
  }

  @Override
  public void finished(FederatedResult result) {
    JsonObject out = new JsonObject().put("status", "succeeded").put("runId", runId).mergeIn(result.toJson());
    text("result.json", out.encodePrettily() + "\n", false);
  }

  @Override
  public void failed(Throwable cause) {
    if (dir == null) {
      return;
    }
    text("result.json", new JsonObject().put("status", "failed").put("runId", runId).put("error", cause.getMessage())
        .encodePrettily() + "\n", false);
  }

  /** What could not be written (empty when the record is complete); read it after {@link #close()}. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** Waits (up to 30 s) for the files to be written. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
        failures.add("not fully written within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface IoTask {
    void run() throws IOException;
  }

  private void write(IoTask task) {
    writer.execute(() -> {
      try {
        task.run();
      } catch (IOException e) {
        failures.add(e.toString());
        LOG.error("cannot write the run record in {}: {}", dir, e.toString());
      }
    });
  }

  private void text(String file, String content, boolean append) {
    Path d = dir;
    if (d == null) {
      return;
    }
    write(() -> Files.writeString(d.resolve(file), content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
  }

  /** The config with the values of secret-looking keys (token, password, secret) replaced by "(removed)". */
  static JsonObject withoutSecrets(JsonObject c) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : c) {
      if (SECRET.matcher(e.getKey()).matches() && !e.getKey().endsWith("-file")) {
        out.put(e.getKey(), "(removed)");
      } else if (e.getValue() instanceof JsonObject o) {
        out.put(e.getKey(), withoutSecrets(o));
      } else if (!e.getKey().equals("wait-until-ms")) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** JSON with keys sorted at every level, so that equal configs hash equally. */
  static String canonical(Object v) {
    if (v instanceof JsonObject o) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<String, Object> e : o) {
        sorted.put(e.getKey(), e.getValue());
      }
      List<String> parts = new ArrayList<>();
      sorted.forEach((k, x) -> parts.add(Json.encode(k) + ":" + canonical(x)));
      return "{" + String.join(",", parts) + "}";
    }
    if (v instanceof JsonArray a) {
      List<String> parts = new ArrayList<>();
      a.forEach(x -> parts.add(canonical(x)));
      return "[" + String.join(",", parts) + "]";
    }
    return Json.encode(v);
  }

  /**
   * The code that ran: project version, and when running from a jar its name and the digest of its content stamped
   * at build time ({@link JarStamp}); hashing the jar itself took a fifth of a second of every run.
   */
  static JsonObject code() {
    JsonObject c = new JsonObject().put("version", version()).put("java", System.getProperty("java.version"));
    try {
      Path jar = Path.of(RunRecord.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(jar)) {
        c.put("jar", jar.getFileName().toString()).put("jarContentSha256", JarStamp.stamped(jar));
      } else {
        c.put("classes", jar.toString());
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      c.put("jarContentSha256", null);
    }
    return c;
  }

  private static String version() {
    try (InputStream in = RunRecord.class.getResourceAsStream("/META-INF/maven/org.openlgd/openlgd/pom.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
