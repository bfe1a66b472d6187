package org.openlgd.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.json.schema.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.RunListener;
import org.openlgd.dashboard.DashboardVerticle;
import org.openlgd.server.ModelServerVerticle;

/** /health, /metrics and /openapi.yaml, on a Vert.x instance with metrics on (as every command makes). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Operations: health, metrics, OpenAPI")
class OpsTest {
  /** The metric names README documents; every one must be on /metrics after a run. */
  static final List<String> DOCUMENTED = List.of(
      "vertx_http_server_requests_total", "vertx_http_server_response_time_seconds_count",
      "vertx_http_client_requests_total", "jvm_memory_used_bytes", "jvm_threads_live_threads",
      "openlgd_server_requests_total", "openlgd_server_rows_served_total", "openlgd_server_estimation_seconds_count",
      "openlgd_server_rows", "openlgd_coordinator_runs_total", "openlgd_coordinator_rounds_total",
      "openlgd_coordinator_round_seconds_count");

  private Vertx vertx;
  private WebClient client;
  private ModelServerVerticle server;
  private DashboardVerticle dashboard;
  private String url;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @BeforeAll
  void start() throws Exception {
    vertx = Ops.vertx();
    client = WebClient.create(vertx);
    server = new ModelServerVerticle();
    await(vertx.deployVerticle(server, new DeploymentOptions().setConfig(new JsonObject().put("port", 0).put("id", 1)
        .put("data", "data/bank1.csv").put("audit-log", false))));
    url = "http://127.0.0.1:" + server.actualPort();
    dashboard = new DashboardVerticle();
    // with a login, so that every route the dashboard can serve is there
    Path users = Files.createTempFile("openlgd-users", ".htpasswd");
    Files.writeString(users, "nobody:{SHA}not-a-password-hash\n");
    users.toFile().deleteOnExit();
    await(vertx.deployVerticle(dashboard, new DeploymentOptions().setConfig(new JsonObject().put("port", 0)
        .put("servers", url).put("runs-dir", "target/test-runs").put("users", users.toString()))));
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    await(vertx.deployVerticle(c, new DeploymentOptions().setConfig(new JsonObject().put("servers", url)
        .put("model", "fractional-logit"))).compose(id -> c.result()));
  }

  @AfterAll
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("/metrics is Prometheus text with every documented metric name")
  void metrics() throws Exception {
    HttpResponse<?> r = await(client.getAbs(url + "/metrics").send());
    assertThat(r.statusCode()).isEqualTo(200);
    String text = r.bodyAsString();
    for (String name : DOCUMENTED) {
      assertThat(text).as(name).containsPattern("(?m)^" + name + "[{ ]");
    }
    assertThat(text).contains("openlgd_server_estimation_seconds_count{model=\"fractional-logit\"")
        .containsPattern("openlgd_coordinator_runs_total\\{[^}]*outcome=\"succeeded\"");
  }

  @Test
  @DisplayName("/health says ready: data loaded, cluster state, heap and threads")
  void health() throws Exception {
    JsonObject h = await(client.getAbs(url + "/health").send()).bodyAsJsonObject();
    assertThat(h.getString("status")).isEqualTo("UP");
    assertThat(h.getString("role")).isEqualTo("model-server");
    assertThat(h.getJsonObject("checks").getString("data")).startsWith("loaded: 2400 rows");
    assertThat(h.getJsonObject("checks").getString("cluster")).isEqualTo("not clustered");
    assertThat(h.getLong("heapUsedBytes")).isPositive();
    assertThat(h.getInteger("threads")).isPositive();
    JsonObject d = await(client.getAbs("http://127.0.0.1:" + dashboard.actualPort() + "/health").send()).bodyAsJsonObject();
    assertThat(d.getString("role")).isEqualTo("dashboard");
  }

  @Test
  @DisplayName("openapi.yaml is a valid OpenAPI 3 document to Vert.x's OpenAPI parser; a broken copy is not")
  void openApiIsValid() throws Exception {
    assertThat(ApiContract.errors(await(ApiContract.check(vertx)))).isEmpty();
    // the fault this check exists for: a description with a comma inside a YAML flow mapping became an extra key
    JsonObject broken = ApiContract.document();
    broken.getJsonObject("paths").getJsonObject("/start").getJsonObject("get").getJsonArray("parameters")
        .getJsonObject(2).put("echoed", (Object) null);
    assertThat(ApiContract.errors(await(ApiContract.check(vertx, broken)))).isNotEmpty();
  }

  @Test
  @DisplayName("the dashboard's run requests are validated against the contract's RunRequest schema")
  void runRequestSchema() throws Exception {
    Validator v = await(ApiContract.requestBody(vertx, "/api/runs", "post"));
    assertThat(v.validate(new JsonObject().put("model", "beta").put("boundary", "exclude").put("se", "model")
        .put("servers", new JsonArray().add("http://127.0.0.1:5001"))).getValid()).isTrue();
    for (JsonObject bad : List.of(new JsonObject().put("model", "probit"), new JsonObject().put("epochs", -1),
        new JsonObject().put("boundary", "maybe"), new JsonObject().put("colour", "red"),
        new JsonObject().put("secure", "yes"))) {
      assertThat(ApiContract.errors(v.validate(bad))).as(bad.encode()).isNotEmpty();
    }
  }

  @Test
  @DisplayName("/openapi.yaml lists exactly the routes the model server and the dashboard serve")
  void openApiInSyncWithRoutes() throws Exception {
    String served = await(client.getAbs(url + "/openapi.yaml").send()).bodyAsString();
    String source = Files.readString(Path.of("src/main/resources/openapi.yaml"));
    assertThat(served).isEqualTo(source);
    Set<String> documented = new TreeSet<>();
    boolean inPaths = false;
    String path = null;
    for (String line : source.split("\n")) {
      if (line.startsWith("paths:")) {
        inPaths = true;
        continue;
      }
      if (inPaths && !line.startsWith(" ") && !line.isBlank()) {
        break;
      }
      Matcher p = Pattern.compile("^  (/\\S*):\\s*$").matcher(line);
      Matcher m = Pattern.compile("^    (get|post|put|delete|patch):").matcher(line);
      if (p.find()) {
        path = p.group(1).replaceAll("\\{(\\w+)}", ":$1");
      } else if (m.find() && path != null) {
        documented.add(m.group(1).toUpperCase() + " " + path);
      }
    }
    Set<String> routes = new TreeSet<>();
    List<String> all = new ArrayList<>(server.routes());
    all.addAll(dashboard.routes());
    for (String r : all) {
      if (!r.contains("/static/")) {
        routes.add(r);
      }
    }
    assertThat(routes).contains("GET /start", "POST /update", "POST /api/runs", "GET /api/runs/:id", "GET /metrics",
            "POST /login", "POST /logout")
        .hasSizeGreaterThanOrEqualTo(13);
    assertThat(routes).isEqualTo(documented);
  }
}
