package org.openlgd.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;
import org.openlgd.api.ModelServerClient;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.Federation;
import org.openlgd.coordinator.HttpModelServerClient;
import org.openlgd.coordinator.RunListener;

@DisplayName("Secure aggregation over 4 in-JVM HTTP servers")
class SecureFederationTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  private List<String> servers(JsonObject extra) throws Exception {
    List<String> urls = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      urls.add(await(TestServers.deploy(vertx, extra.copy().put("data", "data/bank" + k + ".csv").put("id", k))));
    }
    return urls;
  }

  private FederatedResult coordinate(JsonObject conf) throws Exception {
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    return await(vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result()));
  }

  /** A federation over {@code clients} (decorated by a test), run on a Vert.x context as a verticle would. */
  private FederatedResult federate(List<ModelServerClient> clients, JsonObject conf) throws Exception {
    CoordinatorConfig cfg = CoordinatorConfig.from(conf);
    Promise<FederatedResult> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> new Federation(vertx, clients, cfg, RunListener.NONE).run().onComplete(p));
    return await(p.future());
  }

  private static void assertClose(JsonObject plain, JsonObject secure, String key, double tolerance, String what) {
    JsonObject a = plain.getJsonObject(key);
    JsonObject b = secure.getJsonObject(key);
    for (String name : a.fieldNames()) {
      if (a.getValue(name) instanceof Number) {
        double x = a.getDouble(name);
        double y = b.getDouble(name);
        assertThat(Math.abs(x - y)).as("%s %s %s: %s vs %s", what, key, name, x, y)
            .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(x)));
      }
    }
  }

  @Test
  @DisplayName("every model: the secure result equals the plain one (1e-12 relative; ols, from exact Gram matrices, 1e-9)")
  void secureEqualsPlain() throws Exception {
    String urls = String.join(",", servers(new JsonObject()));
    for (String model : List.of("sgd", "ols", "fractional-logit", "beta", "cure-logit", "total-loss-logit", "two-stage")) {
      JsonObject conf = new JsonObject().put("servers", urls).put("model", model).put("boundary", "exclude").put("epochs", 5);
      JsonObject plain = coordinate(conf).toJson();
      JsonObject secure = coordinate(conf.copy().put("secure", true)).toJson();
      double tolerance = model.equals("ols") ? 1e-9 : 1e-12;
      assertClose(plain, secure, "coefficients", tolerance, model);
      if (plain.containsKey("standardErrors")) {
        assertClose(plain, secure, "standardErrors", tolerance, model);
      }
      assertClose(plain.getJsonObject("validation"), secure.getJsonObject("validation"), "pooled", tolerance, model);
      for (String key : List.of("deviance", "logLikelihood", "rSquared", "maxAbsDiffFromPooled")) {
        if (plain.containsKey(key)) {
          assertThat(secure.getDouble(key)).as("%s %s", model, key)
              .isCloseTo(plain.getDouble(key), Offset.offset(tolerance * Math.max(1, Math.abs(plain.getDouble(key)))));
        }
      }
      assertThat(secure.getInteger("rounds")).as(model).isEqualTo(plain.getInteger("rounds"));
      assertThat(secure.getBoolean("secure")).isTrue();
      assertThat(plain.getJsonObject("validation").getJsonArray("servers")).hasSize(4);
      assertThat(secure.getJsonObject("validation").getJsonArray("servers")).as("only the pooled validation").isEmpty();
    }
  }

  @Test
  @DisplayName("a server that allows it shows its own validation row in a secure run; the others stay hidden")
  void discloseOwnValidation() throws Exception {
    List<String> urls = servers(new JsonObject());
    urls.set(3, await(TestServers.deploy(vertx, new JsonObject().put("data", "data/bank4.csv").put("id", 5)
        .put("disclose-own-validation", true))));
    JsonObject r = coordinate(new JsonObject().put("servers", String.join(",", urls)).put("model", "ols").put("secure", true)).toJson();
    assertThat(r.getJsonObject("validation").getJsonArray("servers")).hasSize(1);
    assertThat(r.getJsonObject("validation").getJsonArray("servers").getJsonObject(0).getInteger("id")).isEqualTo(5);
  }

  @Test
  @DisplayName("NIST Longley over 3 servers (6, 5, 5 rows): secure ols keeps >= 10.5 certified digits, as plain TSQR does")
  void longley(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/nist/longley.csv"));
    int[][] parts = {{1, 7}, {7, 12}, {12, 17}};
    List<String> urls = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      Path f = dir.resolve("longley" + k + ".csv");
      List<String> rows = new ArrayList<>(List.of(lines.get(0)));
      rows.addAll(lines.subList(parts[k][0], parts[k][1]));
      Files.write(f, rows);
      urls.add(await(TestServers.deploy(vertx, new JsonObject().put("data", f.toString()).put("id", k + 1)
          .put("min-rows", 5).put("max-parameter-ratio", 2).put("min-category-count", 0))));
    }
    double[][] certified = {
        {-3482258.63459582, 890420.383607373}, {15.0618722713733, 84.9149257747669},
        {-0.358191792925910e-01, 0.334910077722432e-01}, {-2.02022980381683, 0.488399681651699},
        {-1.03322686717359, 0.214274163161675}, {-0.511041056535807e-01, 0.226073200069370},
        {1829.15146461355, 455.478499142212}};
    for (boolean secure : new boolean[] {false, true}) {
      FederatedResult r = coordinate(new JsonObject().put("servers", String.join(",", urls)).put("model", "ols").put("secure", secure));
      for (int j = 0; j < 7; j++) {
        assertThat(lre(r.coefficients()[j], certified[j][0])).as("secure %s B%d digits", secure, j).isGreaterThanOrEqualTo(10.5);
        assertThat(lre(r.inference().standardErrors()[j], certified[j][1])).as("secure %s SD(B%d) digits", secure, j)
            .isGreaterThanOrEqualTo(10.5);
      }
    }
  }

  static double lre(double estimate, double certified) {
    return estimate == certified ? 16 : -Math.log10(Math.abs(estimate - certified) / Math.abs(certified));
  }

  @Test
  @DisplayName("a value the exact sum cannot hold is a clear 422 naming it; fewer than 3 servers are refused")
  void overflowAndTooFew(@TempDir Path dir) throws Exception {
    List<String> urls = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      double scale = k == 2 ? 1e16 : 1;
      StringBuilder csv = new StringBuilder("Y,x\n");
      for (int i = 0; i < 20; i++) {
        csv.append(scale * (i + 1 + i % 3)).append(',').append(scale * (i % 7)).append('\n');
      }
      Path f = Files.writeString(dir.resolve("s" + k + ".csv"), csv);
      urls.add(await(TestServers.deploy(vertx, new JsonObject().put("data", f.toString()).put("id", k + 1))));
    }
    String three = String.join(",", urls);
    assertThatThrownBy(() -> coordinate(new JsonObject().put("servers", three).put("model", "ols").put("secure", true)))
        .hasMessageContaining("HTTP 422").hasMessageContaining("Gram matrix entry").hasMessageContaining("outside the range");
    assertThat(coordinate(new JsonObject().put("servers", String.join(",", urls.subList(0, 2))).put("model", "ols")).n())
        .isEqualTo(40);
    assertThatThrownBy(() -> coordinate(new JsonObject().put("servers", String.join(",", urls.subList(0, 2))).put("model", "ols")
        .put("secure", true))).hasMessageContaining("at least 3 servers");
  }

  static WebClient client(Vertx vertx) {
    return WebClient.create(vertx);
  }

  static List<ModelServerClient> clients(Vertx vertx, List<String> urls) {
    WebClient web = client(vertx);
    return urls.stream().<ModelServerClient>map(u -> new HttpModelServerClient(web, u)).toList();
  }
}
