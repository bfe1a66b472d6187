package org.openlgd.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.TestServers;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;

/**
 * Federated fits with a formula against statsmodels' formula API (fixture and script:
 * src/test/resources/formula/statsmodels_formulas.{py,json}): four model servers over HTTP on loopback, each holding
 * one bank of data/categorical/ (two categorical drivers, one with a level absent at bank 4; 5 % of ltv, ead and
 * collateral missing), the formula with a transformed term, an interaction, a square and a treatment reference,
 * weights ead.
 */
class FormulaFederationTest {
  private static Vertx vertx;
  private static String servers;
  private static JsonObject fixture;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    List<String> urls = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      urls.add(await(TestServers.deploy(vertx, "data/categorical/bank" + k + ".csv", k)));
    }
    servers = String.join(",", urls);
    fixture = PatsyNamesTest.fixture();
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  private static FederatedResult run(String model, String formula, JsonObject extra) throws Exception {
    JsonObject conf = new JsonObject().put("servers", servers).put("model", model).put("formula", formula)
        .put("weights", "ead").mergeIn(extra);
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    return await(vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result()));
  }

  /** Names as statsmodels gives them, but its Intercept is openlgd's intercept. */
  private static List<String> names(JsonObject fit) {
    List<String> out = new ArrayList<>();
    fit.getJsonArray("names").forEach(n -> out.add(n.equals("Intercept") ? "intercept" : (String) n));
    return out;
  }

  private static void assertMatches(FederatedResult r, JsonObject expected, List<String> expectedNames) {
    List<String> ours = new ArrayList<>(r.run().features());
    ours.add(0, "intercept");
    assertThat(ours).isEqualTo(expectedNames);
    assertThat(r.fit().n()).isEqualTo(expected.getLong("n"));
    JsonArray b = expected.getJsonArray("coefficients");
    JsonArray se = expected.getJsonArray("standardErrors");
    double[] ourSe = r.fit().details().inference().standardErrors();
    for (int j = 0; j < b.size(); j++) {
      double want = b.getDouble(j);
      assertThat(r.fit().coefficients()[j]).as("coefficient %s", ours.get(j)).isCloseTo(want, within(1e-8 * Math.abs(want)));
      double wantSe = se.getDouble(j);
      assertThat(ourSe[j]).as("standard error %s", ours.get(j)).isCloseTo(wantSe, within(1e-6 * wantSe));
    }
  }

  @Test
  @DisplayName("weighted least squares equals statsmodels' WLS on the stacked banks: names, coefficients, standard errors")
  void weightedLeastSquares() throws Exception {
    JsonObject fx = fixture.getJsonObject("fits").getJsonObject("ols");
    FederatedResult r = run("ols", fixture.getString("formula"), new JsonObject());
    assertMatches(r, fx, names(fx));
    assertThat(r.run().design().dropped()).isEqualTo(fixture.getLong("rows") - fixture.getLong("complete"));
  }

  @Test
  @DisplayName("unweighted least squares with the same formula equals statsmodels' OLS")
  void leastSquares() throws Exception {
    JsonObject fx = fixture.getJsonObject("fits").getJsonObject("ols-unweighted");
    assertMatches(run("ols", fixture.getString("formula"), new JsonObject().putNull("weights")), fx, names(fx));
  }

  @Test
  @DisplayName("the weighted fractional logit equals statsmodels' GLM(var_weights) with HC0 standard errors")
  void fractionalLogit() throws Exception {
    JsonObject fx = fixture.getJsonObject("fits").getJsonObject("fractional-logit");
    assertMatches(run("fractional-logit", fixture.getString("formula"), new JsonObject()), fx, names(fx));
  }

  @Test
  @DisplayName("without an intercept (- 1, 0 +): cell means of collateral by WLS, the weighted fractional logit and cure "
      + "logit, and least squares through the origin equal statsmodels'; the intercept is not reported")
  void noIntercept() throws Exception {
    JsonObject ni = fixture.getJsonObject("noIntercept");
    for (String model : List.of("ols", "fractional-logit", "cure-logit", "ols-through-origin")) {
      JsonObject fx = ni.getJsonObject("fits").getJsonObject(model);
      boolean origin = model.equals("ols-through-origin");
      FederatedResult r = run(origin ? "ols" : model, ni.getString(origin ? "throughOrigin" : "formula"),
          origin ? new JsonObject().putNull("weights") : new JsonObject());
      assertThat(r.fit().intercept()).isFalse();
      assertThat(r.fit().reported("intercept")).isFalse();
      assertThat(r.run().features()).as(model).isEqualTo(names(fx));
      assertThat(r.fit().n()).isEqualTo(fx.getLong("n"));
      double[] se = r.fit().details().inference().standardErrors();
      for (int j = 0; j < r.run().features().size(); j++) {
        double want = fx.getJsonArray("coefficients").getDouble(j);
        double wantSe = fx.getJsonArray("standardErrors").getDouble(j);
        assertThat(r.fit().coefficients()[j + 1]).as("%s %s", model, r.run().features().get(j))
            .isCloseTo(want, within(1e-8 * Math.abs(want)));
        assertThat(se[j + 1]).as("%s standard error %s", model, r.run().features().get(j))
            .isCloseTo(wantSe, within(1e-6 * wantSe));
      }
      assertThat(r.fit().coefficients()[0]).isZero();
      if (origin) {
        assertThat(r.ols().rSquared()).isCloseTo(fx.getDouble("rSquared"), within(1e-10));
      }
    }
  }

  @Test
  @DisplayName("with secure aggregation the weighted fractional logit is still statsmodels' (levels travel in the clear)")
  void secureFractionalLogit() throws Exception {
    JsonObject fx = fixture.getJsonObject("fits").getJsonObject("fractional-logit");
    FederatedResult r = run("fractional-logit", fixture.getString("formula"), new JsonObject().put("secure", true));
    assertThat(r.run().secure()).isTrue();
    assertMatches(r, fx, names(fx));
    assertThat(r.validation().pooled().weighted()).isTrue();
  }

  @Test
  @DisplayName("the weighted cure and total-loss logits equal statsmodels' binomial GLMs on their rows")
  void logisticStages() throws Exception {
    for (String stage : List.of("cure-logit", "total-loss-logit")) {
      JsonObject fx = fixture.getJsonObject("fits").getJsonObject(stage);
      assertMatches(run(stage, fixture.getString("formula"), new JsonObject()), fx, names(fx));
    }
  }

  @Test
  @DisplayName("--server-effects adds server[T.2..4]: the same fit as statsmodels with C(bank) on the stacked data")
  void serverEffects() throws Exception {
    JsonObject fx = fixture.getJsonObject("fits").getJsonObject("ols-bank-effects");
    List<String> theirs = new ArrayList<>();
    names(fx).forEach(n -> theirs.add(n.replace("C(bank)[T.", "server[T.")));
    FederatedResult r = run("ols", fixture.getString("formula"), new JsonObject().put("server-effects", true));
    List<String> ours = new ArrayList<>(r.run().features());
    ours.add(0, "intercept");
    // the indicator is a categorical term added last, so it sits where patsy puts C(bank): after the other categoricals
    assertThat(ours).isEqualTo(theirs).contains("server[T.2]", "server[T.3]", "server[T.4]");
    assertMatches(r, fx, theirs);
  }
}
