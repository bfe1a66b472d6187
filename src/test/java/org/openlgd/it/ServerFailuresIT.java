package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;

/**
 * Four model servers as four JVMs (from the packaged jar, on loopback ports); the coordinator in the test JVM. One
 * server is killed with SIGTERM or SIGKILL, frozen with SIGSTOP, or killed and started again, during a run. Every
 * test is bounded in time and kills its JVMs by PID afterwards.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Server failures across JVMs")
class ServerFailuresIT {
  private final List<ServerJvm> servers = new ArrayList<>();

  @BeforeEach
  void startServers() throws Exception {
    servers.addAll(ServerJvm.banks(4));
  }

  @AfterEach
  void stopServers() throws Exception {
    for (ServerJvm s : servers) {
      s.close();
    }
  }

  private String urls() {
    return servers.stream().map(ServerJvm::url).collect(Collectors.joining(","));
  }

  /** Runs a coordinator in this JVM; {@code onRound} sees every round as it completes (on the event loop). */
  private static Future<FederatedResult> coordinate(Vertx vertx, JsonObject conf, Consumer<FederatedResult.Round> onRound) {
    CoordinatorVerticle c = new CoordinatorVerticle(new RunListener() {
      @Override
      public void round(FederatedResult.Round round) {
        onRound.accept(round);
      }
    });
    return vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result());
  }

  private JsonObject fedAvg(int epochs) {
    return new JsonObject().put("servers", urls()).put("model", "sgd").put("epochs", epochs).put("min-servers", 3)
        .put("timeout", 1_000).put("round-timeout", 3_000).put("retries", 2).put("retry-backoff", 50);
  }

  private void assertFinishedOnThree(FederatedResult r, ServerJvm victim, int epochs) {
    assertThat(r.history()).hasSize(epochs + 1);
    assertThat(r.history()).allSatisfy(round -> assertThat(round.participants().size()).isGreaterThanOrEqualTo(3));
    FederatedResult.Round last = r.history().get(epochs);
    assertThat(last.participants()).hasSize(3).doesNotContain(victim.url());
    assertThat(last.absent()).singleElement().asString().startsWith(victim.url());
    long rowsOfThree = r.servers().stream().filter(s -> !s.url().equals(victim.url())).mapToLong(s -> s.n()).sum();
    assertThat(r.n()).isEqualTo(rowsOfThree);
    assertThat(Arrays.stream(r.coefficients()).allMatch(Double::isFinite)).isTrue();
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("SIGTERM to one of 4 servers mid-run: FedAvg with quorum 3 finishes on the other 3")
  void sigtermDuringFedAvg(Vertx vertx, VertxTestContext ctx) {
    ServerJvm victim = servers.get(3);
    coordinate(vertx, fedAvg(12), round -> {
      if (round.epoch() == 3) {
        victim.term();
      }
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertFinishedOnThree(r, victim, 12);
      victim.awaitExit(20);
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("SIGKILL to one of 4 servers mid-run: FedAvg with quorum 3 finishes on the other 3")
  void sigkillDuringFedAvg(Vertx vertx, VertxTestContext ctx) {
    ServerJvm victim = servers.get(1);
    coordinate(vertx, fedAvg(12), round -> {
      if (round.epoch() == 3) {
        victim.kill();
      }
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertFinishedOnThree(r, victim, 12);
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("SIGKILL during an exact fit: the run stops with a clear error within the round deadline")
  void sigkillDuringExactFit(Vertx vertx, VertxTestContext ctx) {
    ServerJvm victim = servers.get(2);
    long[] killedAt = new long[1];
    JsonObject conf = new JsonObject().put("servers", urls()).put("model", "fractional-logit")
        .put("timeout", 1_000).put("round-timeout", 3_000).put("retries", 20).put("retry-backoff", 100);
    coordinate(vertx, conf, round -> {
      if (round.epoch() == 1) {
        killedAt[0] = System.nanoTime();
        victim.kill();
      }
    }).onComplete(ctx.failing(e -> ctx.verify(() -> {
      double ms = (System.nanoTime() - killedAt[0]) / 1e6;
      assertThat(killedAt[0]).isPositive();
      // the round that lost the server ends at its deadline (3 s); one more round may have been under way
      assertThat(ms).isLessThan(2 * 3_000 + 1_000);
      assertThat(e.getMessage()).contains(victim.url()).contains("fractional-logit is exact")
          .contains("no result is computed on a subset");
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a frozen server (SIGSTOP: connections accepted, no answer) is given up on within the round deadline")
  void frozenServer(Vertx vertx, VertxTestContext ctx) {
    ServerJvm victim = servers.get(0);
    JsonObject conf = fedAvg(5).put("round-timeout", 1_500);
    coordinate(vertx, conf, round -> {
      if (round.epoch() == 2) {
        try {
          victim.freeze();
        } catch (Exception e) {
          ctx.failNow(e);
        }
      }
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertFinishedOnThree(r, victim, 5);
      for (int e = 3; e <= 5; e++) {
        FederatedResult.Round round = r.history().get(e);
        assertThat(round.millis()).as("epoch %d", e).isLessThan(1_500 + 500);
        assertThat(round.absent()).singleElement().asString().contains(victim.url()).contains("no answer");
      }
      assertThat(victim.alive()).isTrue();
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a server killed and started again mid-run rejoins the federation at a later round")
  void restartedServerRejoins(Vertx vertx, VertxTestContext ctx) {
    ServerJvm victim = servers.get(3);
    // rounds without the dead server take milliseconds (its circuit is open): enough of them to outlast a JVM restart
    int epochs = 2_000;
    coordinate(vertx, fedAvg(epochs).put("retry-backoff", 100), round -> {
      if (round.epoch() == 3) {
        victim.kill();
        vertx.executeBlocking(() -> {
          victim.awaitExit(20);
          return victim.launch();
        }, false).onFailure(ctx::failNow);
      }
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      List<FederatedResult.Round> h = r.history();
      int firstAbsent = -1;
      int backAt = -1;
      for (int e = 0; e <= epochs; e++) {
        boolean in = h.get(e).participants().contains(victim.url());
        if (!in && firstAbsent < 0) {
          firstAbsent = e;
        }
        if (in && firstAbsent >= 0 && backAt < 0) {
          backAt = e;
        }
      }
      assertThat(firstAbsent).as("a round without the killed server").isBetween(3, 10);
      assertThat(backAt).as("a later round with the restarted server").isGreaterThan(firstAbsent);
      assertThat(h.get(epochs).participants()).hasSize(4).contains(victim.url());
      assertThat(r.n()).isEqualTo(r.servers().stream().mapToLong(s -> s.n()).sum());
      ctx.completeNow();
    })));
  }
}
