package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.server.ModelServerVerticle;

/**
 * Rounds, quorum, retries and deadlines against scripted servers in this JVM (loopback). The same behaviour across
 * server JVMs that are killed, stopped and restarted is {@code ServerFailuresIT}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Fault tolerance: round ids, quorum, retries, deadlines")
class FaultToleranceTest {

  private static String urls(FakeModelServer... fakes) {
    return Arrays.stream(fakes).map(FakeModelServer::url).collect(Collectors.joining(","));
  }

  private static Future<Void> deploy(Vertx vertx, FakeModelServer... fakes) {
    return Future.all(Arrays.stream(fakes).map(vertx::deployVerticle).toList()).mapEmpty();
  }

  /** A loopback port nothing listens on. */
  private static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  @DisplayName("a reply for another round is rejected, never averaged; the round goes on with the quorum and records it")
  void staleRoundRejected(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer a = new FakeModelServer(100, new double[] {1, 2, 3}, 0.5, 0);
    FakeModelServer b = new FakeModelServer(300, new double[] {5, 6, 7}, -0.25, 0);
    FakeModelServer stale = new FakeModelServer(200, new double[] {1000, 1000, 1000}, 0, 0);
    stale.echo = FakeModelServer.Echo.PREVIOUS_ROUND;
    deploy(vertx, a, b, stale)
        .compose(x -> CoordinatorVerticleTest.coordinate(vertx, new JsonObject().put("servers", urls(a, b, stale))
            .put("epochs", 3).put("min-servers", 2).put("retries", 1).put("retry-backoff", 5)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.history()).hasSize(4);
          for (int e = 0; e <= 3; e++) {
            FederatedResult.Round round = r.history().get(e);
            for (int j = 0; j < 3; j++) {
              double expected = (100 * a.answer(e)[j] + 300 * b.answer(e)[j]) / 400;
              assertThat(round.combined()[j]).as("epoch %d coefficient %d", e, j).isCloseTo(expected, offset(1e-12));
            }
            assertThat(round.participants()).containsExactly(a.url(), b.url());
            assertThat(round.absent()).singleElement().asString().contains(stale.url()).contains("stale reply")
                .contains("2 attempts");
          }
          assertThat(r.n()).isEqualTo(400);
          JsonArray log = r.toJson().getJsonArray("roundLog");
          assertThat(log.getJsonObject(1).getJsonArray("servers").getList()).containsExactly(a.url(), b.url());
          assertThat(log.getJsonObject(1).getJsonArray("absent").getString(0)).contains(stale.url());
          // round ids are distinct and increasing; every request of the run named the same run id
          assertThat(r.history().stream().map(FederatedResult.Round::id).toList()).containsExactly(1L, 2L, 3L, 4L);
          assertThat(a.posted.stream().map(p -> p.getString("run")).distinct().toList()).hasSize(1);
          assertThat(a.posted.stream().map(p -> p.getLong("round")).toList()).containsExactly(2L, 3L, 4L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("exact mode: a reply for another run stops the run with a clear error, no subset result")
  void otherRunStopsExactMode(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer a = new FakeModelServer(100, new double[] {1, 2, 3}, 0, 0);
    FakeModelServer other = new FakeModelServer(100, new double[] {1, 2, 3}, 0, 0);
    other.echo = FakeModelServer.Echo.OTHER_RUN;
    deploy(vertx, a, other)
        .compose(x -> CoordinatorVerticleTest.coordinate(vertx, new JsonObject().put("servers", urls(a, other))
            .put("model", "ols").put("retries", 2).put("retry-backoff", 5)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains(other.url()).contains("another run").contains("3 attempts")
              .contains("exact").doesNotContain(a.url());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("transient errors (503) are retried with backoff; permanent ones (401) are not")
  void transientRetriedPermanentNot(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer flaky = new FakeModelServer(100, new double[] {1, 2, 3}, 0, 0);
    FakeModelServer steady = new FakeModelServer(100, new double[] {1, 2, 3}, 0, 0);
    FakeModelServer refusing = new FakeModelServer(100, new double[] {1, 2, 3}, 0, 0);
    flaky.failNext = 2;
    flaky.failStatus = 503;
    refusing.failNext = 1000;
    refusing.failStatus = 401;
    deploy(vertx, flaky, steady, refusing)
        .compose(x -> CoordinatorVerticleTest.coordinate(vertx, new JsonObject().put("servers", urls(flaky, steady))
            .put("epochs", 1).put("retries", 3).put("retry-backoff", 5)))
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.history().get(0).absent()).isEmpty();
            // cold start: two 503s then an answer; then epoch 1, the exact reference and the validation round
            assertThat(flaky.requests.get()).isEqualTo(3 + 1 + 1 + 1);
            assertThat(steady.requests.get()).isEqualTo(4);
          });
          return CoordinatorVerticleTest.coordinate(vertx, new JsonObject().put("servers", urls(refusing, steady))
              .put("model", "ols").put("retries", 3).put("retry-backoff", 5));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains(refusing.url()).contains("HTTP 401").doesNotContain("attempts");
          assertThat(refusing.requests.get()).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a server that stops answering is given up on within the round deadline; FedAvg goes on without it")
  void stalledServerFedAvg(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer a = new FakeModelServer(100, new double[] {1, 2, 3}, 0, 0);
    FakeModelServer b = new FakeModelServer(100, new double[] {3, 2, 1}, 0, 0);
    FakeModelServer stalled = new FakeModelServer(100, new double[] {0, 0, 0}, 0, 600_000); // answers "/" only
    deploy(vertx, a, b, stalled)
        .compose(x -> CoordinatorVerticleTest.coordinate(vertx, new JsonObject().put("servers", urls(a, b, stalled))
            .put("epochs", 2).put("min-servers", 2).put("timeout", 250).put("round-timeout", 600)
            .put("retry-backoff", 20)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.history()).hasSize(3);
          for (FederatedResult.Round round : r.history()) {
            assertThat(round.millis()).isLessThan(600 + 300);
            // "no answer within 250 ms", or "no answer before the round deadline" when a retry ran into it
            assertThat(round.absent()).singleElement().asString().contains(stalled.url()).contains("no answer");
          }
          assertThat(r.coefficients()).containsExactly(new double[] {2, 2, 2}, offset(1e-12));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("exact mode: a server that accepts connections but never answers fails the run within the deadline")
  void stalledServerExact(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer a = new FakeModelServer(100, new double[] {1, 2, 3}, 0, 0);
    NetServer blackHole = vertx.createNetServer().connectHandler(socket -> { }); // accepts, never answers
    long[] t0 = new long[1];
    deploy(vertx, a)
        .compose(x -> blackHole.listen(0, "127.0.0.1"))
        .compose(s -> {
          t0[0] = System.nanoTime();
          return CoordinatorVerticleTest.coordinate(vertx, new JsonObject()
              .put("servers", a.url() + ",http://127.0.0.1:" + s.actualPort()).put("model", "ols")
              .put("timeout", 300).put("round-timeout", 800).put("retry-backoff", 20));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          double ms = (System.nanoTime() - t0[0]) / 1e6;
          assertThat(ms).isBetween(700.0, 800.0 + 700);
          assertThat(e.getMessage()).contains("http://127.0.0.1:" + blackHole.actualPort()).contains("no answer");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("FedAvg stops with a clear error when fewer servers than the quorum answer")
  void quorumLost(Vertx vertx, VertxTestContext ctx) throws IOException {
    FakeModelServer a = new FakeModelServer(100, new double[] {1, 2, 3}, 0, 0);
    String dead1 = "http://127.0.0.1:" + deadPort();
    String dead2 = "http://127.0.0.1:" + deadPort();
    deploy(vertx, a)
        .compose(x -> CoordinatorVerticleTest.coordinate(vertx, new JsonObject()
            .put("servers", String.join(",", List.of(a.url(), dead1, dead2))).put("min-servers", 2)
            .put("retries", 2).put("retry-backoff", 5)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains("liveness check failed on 2 of 3 servers (quorum 2 of 3)")
              .contains(dead1).contains(dead2).contains("cannot connect");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("over the event bus, a server undeployed and deployed again mid-run rejoins at a later round")
  void eventBusServerRejoins(Vertx vertx, VertxTestContext ctx) {
    JsonObject a = new JsonObject().put("data", "data/bank1.csv").put("id", 1);
    JsonObject b = new JsonObject().put("data", "data/bank2.csv").put("id", 2);
    String[] bId = new String[1];
    CoordinatorVerticle coordinator = new CoordinatorVerticle(new RunListener() {
      @Override
      public void round(FederatedResult.Round round) {
        if (round.epoch() == 3) {
          vertx.undeploy(bId[0])
              .compose(x -> vertx.deployVerticle(new ModelServerVerticle(),
                  new DeploymentOptions().setConfig(b)))
              .onFailure(ctx::failNow);
        }
      }
    }, true);
    vertx.deployVerticle(new ModelServerVerticle(), new DeploymentOptions().setConfig(a))
        .compose(x -> vertx.deployVerticle(new ModelServerVerticle(), new DeploymentOptions().setConfig(b)))
        .compose(id -> {
          bId[0] = id;
          return vertx.deployVerticle(coordinator, new DeploymentOptions().setConfig(new JsonObject()
              .put("min-servers", 1).put("epochs", 60).put("retries", 0).put("wait-seconds", 10)));
        })
        .compose(x -> coordinator.result())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          List<FederatedResult.Round> h = r.history();
          String bAddress = r.servers().get(1).url();
          int away = (int) h.stream().filter(round -> !round.participants().contains(bAddress)).count();
          assertThat(away).as("rounds without the redeployed server").isPositive();
          assertThat(h.get(h.size() - 1).participants()).contains(bAddress).hasSize(2);
          ctx.completeNow();
        })));
  }
}
