package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.Fixtures;
import org.openlgd.PooledReference;
import org.openlgd.TestServers;

@ExtendWith(VertxExtension.class)
@DisplayName("Coordinator")
class CoordinatorVerticleTest {

  /** Deploys a coordinator with {@code conf} and completes with its result. */
  static Future<FederatedResult> coordinate(Vertx vertx, JsonObject conf) {
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    return vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result());
  }

  @Test
  @DisplayName("servers of different sizes: every round is the n-weighted average, broadcast to all")
  void weightedAverage(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer small = new FakeModelServer(100, new double[] {1, 2, 3}, 0.5, 0);
    FakeModelServer large = new FakeModelServer(300, new double[] {5, 6, 7}, -0.25, 0);
    FakeModelServer mid = new FakeModelServer(200, new double[] {-1, 0, 1}, 0.0, 0);
    List<FakeModelServer> fakes = List.of(small, large, mid);
    Future.all(vertx.deployVerticle(small), vertx.deployVerticle(large), vertx.deployVerticle(mid))
        .compose(x -> coordinate(vertx, new JsonObject().put("servers", small.url() + "," + large.url() + "," + mid.url())
            .put("epochs", 3)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.history()).hasSize(4);
          for (int e = 0; e <= 3; e++) {
            double[] expected = new double[3];
            for (int j = 0; j < 3; j++) {
              expected[j] = (100 * small.answer(e)[j] + 300 * large.answer(e)[j] + 200 * mid.answer(e)[j]) / 600;
            }
            assertThat(r.history().get(e).combined()).as("epoch %d", e).containsExactly(expected, Offset.offset(1e-12));
            if (e > 0) {
              double[] prev = r.history().get(e - 1).combined();
              for (FakeModelServer f : fakes) {
                JsonObject body = f.posted.get(e - 1);
                assertThat(body.getInteger("epoch")).isEqualTo(e);
                assertThat(body.getDouble("intercept")).isEqualTo(prev[0]);
                assertThat(body.getJsonObject("coefficients").getDouble("a")).isEqualTo(prev[1]);
                assertThat(body.getJsonObject("coefficients").getDouble("b")).isEqualTo(prev[2]);
              }
            }
          }
          assertThat(r.coefficients()).isEqualTo(r.history().get(3).combined());
          assertThat(r.n()).isEqualTo(600);
          assertThat(r.rounds()).isEqualTo(3);
          for (FakeModelServer f : fakes) {
            assertThat(f.posted).hasSize(3);
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("ols over HTTP on the four shipped banks equals a pooled OLS fit (relative error <= 1e-9)")
  void olsEqualsPooled(Vertx vertx, VertxTestContext ctx) throws Exception {
    List<String> files = List.of("data/bank1.csv", "data/bank2.csv", "data/bank3.csv", "data/bank4.csv");
    double[] pooled = PooledReference.coefficients(files);
    List<Future<String>> urls = new ArrayList<>();
    for (int k = 0; k < files.size(); k++) {
      urls.add(TestServers.deploy(vertx, files.get(k), k + 1));
    }
    Future.all(urls)
        .compose(all -> coordinate(vertx, new JsonObject().put("servers", String.join(",", all.<String>list())).put("model", "ols")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.n()).isEqualTo(6000);
          assertThat(r.rounds()).isEqualTo(1);
          assertThat(r.converged()).isTrue();
          for (int j = 0; j < pooled.length; j++) {
            assertThat(Math.abs(r.coefficients()[j] - pooled[j]) / Math.abs(pooled[j])).as("coefficient %d", j).isLessThanOrEqualTo(1e-9);
          }
          JsonObject json = r.toJson();
          assertThat(json.getJsonObject("coefficients").fieldNames())
              .containsExactly("intercept", "ltv", "senior", "log_ead", "months_in_default");
          assertThat(json.getJsonObject("standardErrors").getDouble("ltv")).isPositive();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("fractional-logit over HTTP on 4 servers matches statsmodels (coefficients 1e-8, SEs 1e-6) in <= 10 rounds")
  void fractionalLogitMatchesStatsmodels(Vertx vertx, VertxTestContext ctx) throws Exception {
    JsonObject fixture = Fixtures.json("fractional_logit.json");
    List<Future<String>> urls = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      urls.add(TestServers.deploy(vertx, "data/bank" + k + ".csv", k));
    }
    Future.all(urls)
        .compose(all -> coordinate(vertx, new JsonObject().put("servers", String.join(",", all.<String>list()))
            .put("model", "fractional-logit"))
            .compose(robust -> coordinate(vertx, new JsonObject().put("servers", String.join(",", all.<String>list()))
                .put("model", "fractional-logit").put("se", "model")).map(model -> List.of(robust, model))))
        .onComplete(ctx.succeeding(fits -> ctx.verify(() -> {
          FederatedResult robust = fits.get(0);
          FederatedResult model = fits.get(1);
          assertThat(robust.converged()).isTrue();
          assertThat(robust.rounds()).isLessThanOrEqualTo(10);
          assertThat(robust.history()).hasSize(robust.rounds());
          for (int j = 0; j < 5; j++) {
            double b = fixture.getJsonArray("coefficients").getDouble(j);
            double seRobust = fixture.getJsonArray("robustStandardErrors").getDouble(j);
            double seModel = fixture.getJsonArray("quasiStandardErrors").getDouble(j);
            assertThat(Math.abs(robust.coefficients()[j] - b) / Math.abs(b)).as("coefficient %d", j).isLessThanOrEqualTo(1e-8);
            assertThat(Math.abs(robust.inference().standardErrors()[j] - seRobust) / seRobust).as("robust SE %d", j).isLessThanOrEqualTo(1e-6);
            assertThat(Math.abs(model.inference().standardErrors()[j] - seModel) / seModel).as("model SE %d", j).isLessThanOrEqualTo(1e-6);
          }
          JsonObject json = robust.toJson();
          assertThat(json.getString("covariance")).contains("HC0");
          assertThat(json.getJsonObject("pValues").fieldNames()).hasSize(5);
          assertThat(json.getJsonObject("confidenceIntervals").getJsonArray("ltv").size()).isEqualTo(2);
          assertThat(json.getDouble("deviance")).isCloseTo(fixture.getDouble("deviance"), Offset.offset(1e-6));
          assertThat(json.getDouble("nullDeviance")).isCloseTo(fixture.getDouble("nullDeviance"), Offset.offset(1e-6));
          assertThat(json.getDouble("pseudoRSquared"))
              .isCloseTo(1 - fixture.getDouble("deviance") / fixture.getDouble("nullDeviance"), Offset.offset(1e-9));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("sgd: 4 servers holding the same X,Y data land within 0.02 of the pooled OLS fit after 10 epochs")
  void sgdIdenticalData(Vertx vertx, VertxTestContext ctx) throws Exception {
    String file = "data/regression_data.csv";
    double[] pooled = PooledReference.coefficients(List.of(file, file, file, file));
    List<Future<String>> urls = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      urls.add(TestServers.deploy(vertx, file, k));
    }
    Future.all(urls)
        .compose(all -> coordinate(vertx, new JsonObject().put("servers", String.join(",", all.<String>list())).put("epochs", 10)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.rounds()).isEqualTo(10);
          assertThat(r.history()).hasSize(11);
          assertThat(r.n()).isEqualTo(4 * 2400);
          assertThat(r.coefficients()[0]).isCloseTo(pooled[0], Offset.offset(0.02));
          assertThat(r.coefficients()[1]).isCloseTo(pooled[1], Offset.offset(0.02));
          double distance = Math.max(Math.abs(r.coefficients()[0] - pooled[0]), Math.abs(r.coefficients()[1] - pooled[1]));
          assertThat(r.maxAbsDiffFromPooled()).isCloseTo(distance, Offset.offset(1e-9));
          assertThat(r.toJson().getDouble("maxAbsDiffFromPooled")).isPositive();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an unreachable server fails the run with a message naming it")
  void unreachable(Vertx vertx, VertxTestContext ctx) throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + free;
    TestServers.deploy(vertx, "data/bank1.csv", 1)
        .compose(live -> coordinate(vertx, new JsonObject().put("servers", live + "," + dead).put("timeout", 2000)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains("liveness check failed on 1 of 2 servers").contains(dead);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a server slower than the timeout fails the run within the timeout")
  void slowServer(Vertx vertx, VertxTestContext ctx) {
    FakeModelServer slow = new FakeModelServer(10, new double[] {0, 0, 0}, 0, 5_000);
    long t0 = System.nanoTime();
    vertx.deployVerticle(slow)
        .compose(x -> coordinate(vertx, new JsonObject().put("servers", slow.url()).put("timeout", 300).put("retries", 0)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains(slow.url()).contains("cold start").contains("no answer within 300 ms");
          assertThat((System.nanoTime() - t0) / 1e6).isLessThan(4_000);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("servers holding different columns are refused before any estimation")
  void schemaMismatch(Vertx vertx, VertxTestContext ctx) {
    Future.all(TestServers.deploy(vertx, "data/bank1.csv", 1), TestServers.deploy(vertx, "data/regression_data.csv", 2))
        .compose(all -> coordinate(vertx, new JsonObject().put("servers", String.join(",", all.<String>list()))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains("different columns");
          ctx.completeNow();
        })));
  }
}
