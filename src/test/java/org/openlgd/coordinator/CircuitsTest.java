package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-server circuits in federated averaging, against scripted servers in this JVM (loopback): a server that cannot
 * be reached costs one round, one that keeps failing is left out after a few, and one that comes (back) is probed and
 * takes part again. Across JVMs killed and frozen for real: {@code DeadServerIT}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Circuit breaking in federated averaging")
class CircuitsTest {

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static FakeModelServer fake(double a) {
    return new FakeModelServer(100, new double[] {a, a, a}, 0, 0);
  }

  private static Future<FederatedResult> coordinate(Vertx vertx, JsonObject conf, RunListener listener) {
    CoordinatorVerticle c = new CoordinatorVerticle(listener);
    return vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result());
  }

  @Test
  @DisplayName("a server that stops accepting connections costs one round: no retries, later rounds leave it out")
  void deadServerCostsOneRound(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer a = fake(1);
    FakeModelServer b = fake(2);
    FakeModelServer c = fake(3);
    FakeModelServer victim = fake(10);
    String[] deployment = new String[1];
    long[] t0 = new long[1];
    RunListener killAtEpoch2 = new RunListener() {
      @Override
      public void round(FederatedResult.Round round) {
        if (round.epoch() == 2) {
          vertx.undeploy(deployment[0]).onFailure(ctx::failNow);
        }
      }
    };
    Future.all(vertx.deployVerticle(a), vertx.deployVerticle(b), vertx.deployVerticle(c))
        .compose(x -> vertx.deployVerticle(victim))
        .compose(id -> {
          deployment[0] = id;
          t0[0] = System.nanoTime();
          // retries with a long backoff: without the circuit, every later round would wait ~15 s for the dead server
          return coordinate(vertx, new JsonObject().put("servers", String.join(",", a.url(), b.url(), c.url(), victim.url()))
              .put("epochs", 30).put("min-servers", 3).put("retries", 4).put("retry-backoff", 1000), killAtEpoch2);
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          double seconds = (System.nanoTime() - t0[0]) / 1e9;
          assertThat(seconds).as("whole run, s").isLessThan(5);
          List<FederatedResult.Round> h = r.history();
          int firstWithout = -1;
          for (int e = 0; e < h.size(); e++) {
            if (!h.get(e).participants().contains(victim.url())) {
              firstWithout = firstWithout < 0 ? e : firstWithout;
              assertThat(h.get(e).participants()).hasSize(3);
            }
          }
          assertThat(firstWithout).isBetween(3, 5);
          // a connection reset by the dying server may be tried once more; a refused one is not
          assertThat(h.get(firstWithout).absent()).singleElement().asString().contains(victim.url())
              .contains("cannot connect").doesNotContain("3 attempts");
          for (int e = firstWithout + 1; e < h.size(); e++) {
            assertThat(h.get(e).absent()).as("epoch %d", e).singleElement().asString()
                .startsWith(victim.url() + ": circuit open (");
            assertThat(h.get(e).combined()[0]).isEqualTo(2.0);
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a server that fails --breaker-failures rounds in a row is left out, probed, and asked again")
  void repeatedFailuresOpenTheCircuit(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer a = fake(1);
    FakeModelServer b = fake(2);
    FakeModelServer failing = fake(3);
    failing.failNext = 1_000;
    failing.failStatus = 500;
    Future.all(vertx.deployVerticle(a), vertx.deployVerticle(b), vertx.deployVerticle(failing))
        .compose(x -> coordinate(vertx, new JsonObject().put("servers", String.join(",", a.url(), b.url(), failing.url()))
            .put("epochs", 11).put("min-servers", 2).put("breaker-failures", 3), RunListener.NONE))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          List<String> why = r.history().stream().map(round -> round.absent().get(0)).toList();
          assertThat(why.subList(0, 3)).allSatisfy(w -> assertThat(w).contains("HTTP 500").doesNotContain("circuit open"));
          assertThat(why.get(3)).contains("circuit open").contains("HTTP 500");
          // a 500 is not retried: one request per round it was asked in (and perhaps sgd's exact reference round and
          // the validation round, which are not in the history)
          long asked = why.stream().filter(w -> !w.contains("circuit open")).count();
          assertThat(failing.requests.get()).isBetween((int) asked, (int) asked + 2);
          assertThat(asked).as("rounds it was asked in").isLessThan(r.history().size());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a server that missed the liveness check is probed as rounds start and joins once it answers")
  void lateServerJoins(Vertx vertx, VertxTestContext ctx) throws IOException {
    FakeModelServer a = fake(1);
    FakeModelServer b = fake(2);
    FakeModelServer c = fake(3);
    FakeModelServer late = fake(3);
    late.port = freePort();
    RunListener startLateAtEpoch3 = new RunListener() {
      @Override
      public void round(FederatedResult.Round round) {
        if (round.epoch() == 3) {
          vertx.deployVerticle(late).onFailure(ctx::failNow);
        }
      }
    };
    Future.all(vertx.deployVerticle(a), vertx.deployVerticle(b), vertx.deployVerticle(c))
        .compose(x -> coordinate(vertx, new JsonObject().put("servers", String.join(",", a.url(), b.url(), c.url(), late.url()))
            .put("epochs", 40).put("min-servers", 3), startLateAtEpoch3))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          List<FederatedResult.Round> h = r.history();
          assertThat(h.get(0).absent()).singleElement().asString().startsWith(late.url() + ": circuit open (missed the "
              + "liveness check: cannot connect");
          int joined = -1;
          for (int e = 0; e < h.size() && joined < 0; e++) {
            joined = h.get(e).participants().contains(late.url()) ? e : -1;
          }
          assertThat(joined).as("first round with the late server").isGreaterThan(3);
          assertThat(h.get(h.size() - 1).participants()).hasSize(4);
          assertThat(r.servers()).hasSize(4);
          assertThat(r.n()).isEqualTo(400);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Stalls: the whole timeout until 3 answers, then 10 x the slowest of the last 20, at least 1 s")
  void stallBound() {
    Stalls s = new Stalls(10);
    Object server = new Object();
    assertThat(s.bound(server, 30_000)).isEqualTo(30_000);
    s.answered(server, 5);
    s.answered(server, 7);
    assertThat(s.bound(server, 30_000)).isEqualTo(30_000);
    s.answered(server, 6);
    assertThat(s.bound(server, 30_000)).isEqualTo(1_000);
    s.answered(server, 400);
    assertThat(s.bound(server, 30_000)).isEqualTo(4_000);
    assertThat(s.bound(server, 2_500)).isEqualTo(2_500);
    for (int k = 0; k < Stalls.WINDOW; k++) {
      s.answered(server, 150);
    }
    assertThat(s.bound(server, 30_000)).as("the 400 ms answer has left the window").isEqualTo(1_500);
    assertThat(new Stalls(0).bound(server, 30_000)).isEqualTo(30_000);
  }
}
