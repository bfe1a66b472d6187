package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.openlgd.api.Addresses;
import org.openlgd.api.ServerCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the model servers on the event bus: broadcasts a discovery request every {@value #ANNOUNCE_EVERY_MS} ms
 * and collects the servers' announcements, dropping any server that announces it is leaving. Completes once at
 * least {@code minServers} are known and no new one has appeared for {@code settleMs}; fails after
 * {@code waitMs} with a message naming the shortfall. Never waits longer than {@code waitMs}. The quiet time is
 * checked {@code settleMs} after each new server, not only at the next broadcast.
 */
public final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
  static final long ANNOUNCE_EVERY_MS = 250;

  /** A server's announcement. */
  public record Found(String key, int id, long n, String host, long pid, String http) {
    static Found from(JsonObject j) {
      return new Found(j.getString("key"), j.getInteger("id", -1), j.getLong("n", 0L), j.getString("host", "?"),
          j.getLong("pid", -1L), j.getString("http"));
    }

    /** How users see this server: id, process and host. */
    public String describe() {
      return "server " + id + " (pid " + pid + "@" + host + ")";
    }
  }

  private Discovery() {
  }

  public static Future<List<Found>> find(Vertx vertx, int minServers, long waitMs, long settleMs) {
    Promise<List<Found>> promise = Promise.promise();
    Map<String, Found> found = new LinkedHashMap<>();
    long[] lastNew = {System.nanoTime()};
    long t0 = System.nanoTime();
    // at least minServers known, and no new one for settleMs
    BooleanSupplier settled = () -> found.size() >= minServers && (System.nanoTime() - lastNew[0]) / 1e6 >= settleMs;
    String replies = Addresses.discoveryReplies(UUID.randomUUID().toString());
    MessageConsumer<JsonObject> answers = vertx.eventBus().consumer(replies, msg -> {
      JsonObject body = msg.body();
      if (promise.future().isComplete() || body == null || body.getString("key") == null) {
        return;
      }
      Found f = Found.from(body);
      if (found.putIfAbsent(f.key(), f) == null) {
        lastNew[0] = System.nanoTime();
        LOG.info("found {} with {} rows ({} of at least {})", f.describe(), f.n(), found.size(), minServers);
        if (found.size() >= minServers) {
          vertx.setTimer(Math.max(1, settleMs), t -> {
            if (settled.getAsBoolean()) {
              promise.tryComplete(sorted(found));
            }
          });
        }
      }
    });
    MessageConsumer<JsonObject> departures = vertx.eventBus().consumer(Addresses.LEFT, msg -> {
      Found gone = msg.body() == null ? null : found.remove(msg.body().getString("key"));
      if (gone != null) {
        LOG.info("{} left", gone.describe());
      }
    });
    Future.all(answers.completion(), departures.completion()).onComplete(ready -> {
      if (ready.failed()) {
        promise.tryFail(ready.cause());
        return;
      }
      JsonObject ask = new JsonObject().put("replyTo", replies);
      vertx.eventBus().publish(Addresses.DISCOVER, ask);
      long timer = vertx.setPeriodic(ANNOUNCE_EVERY_MS, ANNOUNCE_EVERY_MS, id -> {
        double elapsed = (System.nanoTime() - t0) / 1e6;
        if (settled.getAsBoolean()) {
          promise.tryComplete(sorted(found));
        } else if (elapsed >= waitMs) {
          if (found.size() >= minServers) {
            promise.tryComplete(sorted(found));
          } else {
            promise.tryFail(new ServerCallException("found " + found.size() + " model server" + (found.size() == 1 ? "" : "s")
                + " on the event bus within " + String.format(Locale.ROOT, "%.1f", elapsed / 1000) + " s, but " + minServers
                + " are required (--min-servers " + minServers + "); missing " + (minServers - found.size())
                + (found.isEmpty() ? "" : "; found: " + String.join(", ", sorted(found).stream().map(Found::describe).toList()))));
          }
        } else {
          vertx.eventBus().publish(Addresses.DISCOVER, ask);
        }
      });
      promise.future().onComplete(x -> vertx.cancelTimer(timer));
    });
    // Replies to the last broadcast may still be on their way: that consumer stays a little longer, so that no late
    // reply meets an unregistered address (which Vert.x logs as a warning). Departures go at once: servers announce
    // them when they stop, which in one JVM (simulate) is when Vert.x closes, and a consumer still there but being
    // closed with the coordinator discards them with that warning.
    promise.future().onComplete(x -> {
      departures.unregister();
      vertx.setTimer(2 * ANNOUNCE_EVERY_MS, t -> answers.unregister());
    });
    return promise.future();
  }

  private static List<Found> sorted(Map<String, Found> found) {
    List<Found> out = new ArrayList<>(found.values());
    out.sort(Comparator.comparingInt(Found::id).thenComparing(Found::key));
    return out;
  }
}
