package org.openlgd.dashboard;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.openlgd.api.ServerInfo;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.coordinator.DesignSummary;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import org.openlgd.coordinator.RunRecord;
import org.openlgd.model.Model;

/**
 * The runs a dashboard knows: those it started (kept in memory while it runs, with every round) and those on disk
 * in the run records. {@link #list()} and {@link #get} read files and are meant for worker threads.
 */
public final class RunStore {
  /** The newest run directories listed. */
  static final int MAX_LISTED = 200;

  private final Path dir;
  private final Map<String, JsonObject> live = new ConcurrentHashMap<>();

  RunStore(Path dir) {
    this.dir = dir;
  }

  /**
   * A listener that keeps a run's state here and passes each event to {@code publish} as
   * {@code {"type": started|round|finished|failed, "runId": .., ...}}; {@code started} completes with the run id.
   */
  RunListener live(Consumer<JsonObject> publish, Promise<String> started) {
    return new RunListener() {
      private JsonObject state;
      private double[] previous;
      private List<String> names = List.of();

      @Override
      public void runStarted(String runId, CoordinatorConfig cfg) {
        state = new JsonObject().put("id", runId).put("status", "running").put("model", cfg.model().wireName())
            .put("epochs", cfg.epochs()).put("startedAt", Instant.now().toString()).put("rounds", new JsonArray());
        live.put(runId, state);
        publish.accept(new JsonObject().put("type", "started").put("runId", runId).put("model", cfg.model().wireName()));
        started.tryComplete(runId);
      }

      @Override
      public void serversFound(Model model, List<ServerInfo> servers) {
        names = model.parameterNames(ServerInfo.columns(servers).features());
        JsonArray list = new JsonArray();
        servers.forEach(s -> list.add(new JsonObject().put("id", s.id()).put("address", s.url()).put("n", s.n())
            .put("fingerprint", s.fingerprint())));
        synchronized (state) {
          state.put("servers", list).put("parameters", new JsonArray(names));
        }
      }

      @Override
      public void designed(DesignSummary design) {
        names = state == null ? names : Model.parse(state.getString("model")).parameterNames(design.columns());
        synchronized (state) {
          state.put("parameters", new JsonArray(names)).put("design", design.toJson());
        }
      }

      @Override
      public void round(FederatedResult.Round round) {
        JsonObject line = RunRecord.roundLine(round, previous, names);
        previous = round.combined();
        synchronized (state) {
          state.getJsonArray("rounds").add(line);
        }
        publish.accept(new JsonObject().put("type", "round").put("runId", state.getString("id")).put("round", line));
      }

      @Override
      public void finished(FederatedResult result) {
        synchronized (state) {
          state.put("status", "succeeded").put("result", result.toJson());
        }
        publish.accept(new JsonObject().put("type", "finished").put("runId", state.getString("id")));
      }

      @Override
      public void failed(Throwable cause) {
        if (state == null) {
          started.tryFail(cause);
          return;
        }
        synchronized (state) {
          state.put("status", "failed").put("error", cause.getMessage());
        }
        publish.accept(new JsonObject().put("type", "failed").put("runId", state.getString("id"))
            .put("error", cause.getMessage()));
      }
    };
  }

  /** Summaries of all runs, newest first: {@code [{id, status, model, startedAt, rounds, n, source}]}. */
  JsonArray list() throws IOException {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    for (JsonObject s : live.values()) {
      synchronized (s) {
        out.put(s.getString("id"), summary(s.getString("id"), s.getString("status"), s.getString("model"),
            s.getString("startedAt"), s.getJsonArray("rounds").size(),
            s.getJsonObject("result") == null ? null : s.getJsonObject("result").getLong("n"), "dashboard"));
      }
    }
    for (Path d : directories()) {
      JsonObject manifest = read(d.resolve("manifest.json"));
      if (manifest == null || out.containsKey(manifest.getString("runId"))) {
        continue;
      }
      JsonObject result = read(d.resolve("result.json"));
      out.put(manifest.getString("runId"), summary(manifest.getString("runId"),
          result == null ? "incomplete" : result.getString("status", "succeeded"), manifest.getString("model"),
          manifest.getString("startedAt"), lines(d.resolve("rounds.jsonl")).size(),
          result == null ? null : result.getLong("n"), manifest.getString("command")));
    }
    List<JsonObject> sorted = new ArrayList<>(out.values());
    sorted.sort(Comparator.comparing((JsonObject o) -> o.getString("startedAt", "")).reversed());
    return new JsonArray(new ArrayList<>(sorted));
  }

  /** One run: {@code {id, status, model, manifest, servers, parameters, rounds, result, error}}; null if unknown. */
  JsonObject get(String id) throws IOException {
    JsonObject s = live.get(id);
    if (s != null) {
      synchronized (s) {
        return s.copy();
      }
    }
    for (Path d : directories()) {
      if (d.getFileName().toString().endsWith("-" + id)) {
        return read(d, id);
      }
    }
    return null;
  }

  /** A run record directory as one object (the shape of {@link #get}); the id comes from the directory's name. */
  public static JsonObject readRecord(Path d) throws IOException {
    String name = d.getFileName().toString();
    int at = name.indexOf("-run-");
    return read(d, at < 0 ? name : name.substring(at + 1));
  }

  private static JsonObject read(Path d, String id) throws IOException {
    JsonObject manifest = read(d.resolve("manifest.json"));
    JsonObject result = read(d.resolve("result.json"));
    JsonArray rounds = new JsonArray();
    lines(d.resolve("rounds.jsonl")).forEach(l -> rounds.add(new JsonObject(l)));
    JsonObject out = new JsonObject().put("id", id).put("manifest", manifest).put("rounds", rounds)
        .put("status", result == null ? "incomplete" : result.getString("status", "succeeded"));
    if (manifest != null) {
      out.put("id", manifest.getString("runId", id)).put("model", manifest.getString("model"))
          .put("servers", manifest.getJsonArray("servers"));
      if (rounds.size() > 0) {
        out.put("parameters", new JsonArray(new ArrayList<>(rounds.getJsonObject(0).getJsonObject("parameters").fieldNames())));
      }
    }
    if (result != null) {
      out.put("result", result).put("error", result.getString("error"));
    }
    return out;
  }

  private static JsonObject summary(String id, String status, String model, String startedAt, int rounds, Long n,
                                    String source) {
    return new JsonObject().put("id", id).put("status", status).put("model", model).put("startedAt", startedAt)
        .put("rounds", rounds).put("n", n).put("source", source);
  }

  private List<Path> directories() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted(Comparator.comparing(Path::getFileName).reversed())
          .limit(MAX_LISTED).toList();
    }
  }

  private static JsonObject read(Path f) {
    try {
      return Files.isRegularFile(f) ? new JsonObject(Files.readString(f, StandardCharsets.UTF_8)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> lines(Path f) throws IOException {
    return Files.isRegularFile(f)
        ? Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList() : List.of();
  }
}
