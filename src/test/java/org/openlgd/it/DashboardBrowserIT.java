package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openlgd.dashboard.DashboardVerticle;
import org.openlgd.dashboard.RunStore;
import org.openlgd.ops.Ops;
import org.openlgd.report.Report;
import org.openlgd.server.ModelServerVerticle;

/**
 * The dashboard in headless Chromium (Debian's chromium, installed by .ci/run): start a run from the page, wait for
 * it, check that the plot and the coefficient table show the run's values, save screenshots of the dashboard and of
 * the run's standalone report under target/.
 */
@DisplayName("Dashboard in a real browser")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBrowserIT {
  private static Vertx vertx;
  private static int port;
  private static int loginPort;
  private static Path runs;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Ops.vertx();
    List<String> urls = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      ModelServerVerticle v = new ModelServerVerticle();
      await(vertx.deployVerticle(v, new DeploymentOptions().setConfig(new JsonObject().put("port", 0).put("id", k)
          .put("data", "data/bank" + k + ".csv").put("audit-log", false))));
      urls.add("http://127.0.0.1:" + v.actualPort());
    }
    runs = Path.of("target", "it-runs", "dashboard-" + UUID.randomUUID());
    DashboardVerticle d = new DashboardVerticle();
    await(vertx.deployVerticle(d, new DeploymentOptions().setConfig(new JsonObject().put("port", 0)
        .put("servers", String.join(",", urls)).put("runs-dir", runs.toString()))));
    port = d.actualPort();
    // the same servers behind a login: one user, alice, whose password is stored as {SHA} in an htpasswd file
    Path users = runs.resolveSibling("users-" + UUID.randomUUID() + ".htpasswd");
    Files.createDirectories(users.getParent());
    Files.writeString(users, "alice:{SHA}" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-1").digest("correct horse".getBytes(StandardCharsets.UTF_8))) + "\n");
    DashboardVerticle guarded = new DashboardVerticle();
    await(vertx.deployVerticle(guarded, new DeploymentOptions().setConfig(new JsonObject().put("port", 0)
        .put("servers", String.join(",", urls)).put("runs-dir", runs.toString()).put("users", users.toString()))));
    loginPort = guarded.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      await(vertx.close());
    }
  }

  private static String chromium() {
    String bin = Chromium.binary();
    if (bin == null) {
      if ("1".equals(System.getenv("OPENLGD_REQUIRE_BROWSER"))) {
        throw new IllegalStateException("no chromium on this machine; .ci/run installs it (apt-get install chromium)");
      }
      Assumptions.abort("no chromium on this machine (set OPENLGD_REQUIRE_BROWSER=1 to make this a failure)");
    }
    return bin;
  }

  @Test
  @DisplayName("with --users: log in on the page, start a run, log out; without a session the API refuses (401)")
  void loginRunLogout() throws Exception {
    String base = "http://127.0.0.1:" + loginPort;
    try (Chromium browser = new Chromium(chromium(), 1280, 1200)) {
      browser.open(base + "/");
      assertThat(browser.waitFor("location.pathname === '/login' && document.body.getAttribute('data-state') === 'login'", 30))
          .as("no session: the page sends the browser to the login form").isTrue();
      browser.eval("document.getElementById('username').value = 'alice';"
          + "document.getElementById('password').value = 'wrong'; document.getElementById('login').submit(); true");
      assertThat(browser.waitFor("location.search.includes('failed') && document.getElementById('message').textContent"
          + ".includes('Wrong')", 30)).isTrue();
      browser.eval("document.getElementById('username').value = 'alice';"
          + "document.getElementById('password').value = 'correct horse'; document.getElementById('login').submit(); true");
      assertThat(browser.waitFor("location.pathname === '/' && !document.getElementById('who').hidden", 30)).isTrue();
      assertThat(browser.eval("document.getElementById('user').textContent")).isEqualTo("logged in as alice");

      // the form offers what the chosen model takes: beta shows the boundary choice and why
      browser.eval("const m = document.getElementById('model'); m.value = 'beta'; m.dispatchEvent(new Event('change')); true");
      assertThat(browser.eval("document.getElementById('boundary').closest('label').hidden")).isEqualTo(false);
      assertThat(browser.eval("document.getElementById('epochs').closest('label').hidden")).isEqualTo(true);

      browser.open(base + "/?autorun=1&model=beta&boundary=exclude");
      assertThat(browser.waitFor("document.body.getAttribute('data-state') === 'succeeded'", 90))
          .as("a beta run on the shipped data, zeros and ones excluded (state: %s, message: %s)",
              browser.eval("document.body.getAttribute('data-state')"),
              browser.eval("document.getElementById('message').textContent")).isTrue();

      browser.eval("document.getElementById('logout-button').click(); true");
      assertThat(browser.waitFor("location.pathname === '/login' && document.getElementById('message').textContent"
          + ".includes('Logged out')", 30)).isTrue();
      browser.eval("fetch('/api/runs').then(r => { window.apiStatus = r.status; }); true");
      assertThat(browser.waitFor("window.apiStatus === 401", 30)).as("the page's own request after logout").isTrue();
      HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"ols\"}")).header("content-type", "application/json")
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(forged.statusCode()).as(forged.body()).isIn(401, 403);
    }
  }

  @Test
  @DisplayName("start a fractional-logit run from the page; the plot and the table show its values")
  void startRunFromThePage() throws Exception {
    try (Chromium browser = new Chromium(chromium(), 1280, 1600)) {
      browser.open("http://127.0.0.1:" + port + "/?autorun=1&model=fractional-logit");
      boolean done = browser.waitFor("document.body.getAttribute('data-state') === 'succeeded'", 90);
      browser.screenshot(Path.of("target", "dashboard.png"));
      assertThat(done).as("the run finished in the page (state: %s)", browser.eval("document.body.getAttribute('data-state')"))
          .isTrue();
      String id = (String) browser.eval("document.getElementById('run').getAttribute('data-run')");
      JsonObject run = new JsonObject(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/api/runs/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body());
      JsonObject coefficients = run.getJsonObject("result").getJsonObject("coefficients");
      JsonArray rounds = run.getJsonArray("rounds");
      assertThat(coefficients.fieldNames()).containsExactly("intercept", "ltv", "senior", "log_ead", "months_in_default");
      assertThat(rounds.size()).isBetween(3, 10);

      JsonArray table = new JsonArray((String) browser.eval(
          "JSON.stringify([...document.querySelectorAll('td.estimate')].map(td => [td.dataset.param, Number(td.dataset.value)]))"));
      assertThat(table.size()).isEqualTo(5);
      for (int j = 0; j < table.size(); j++) {
        JsonArray row = table.getJsonArray(j);
        assertThat(row.getDouble(1)).as(row.getString(0)).isEqualTo(coefficients.getDouble(row.getString(0)));
      }
      JsonArray lines = new JsonArray((String) browser.eval(
          "JSON.stringify([...document.querySelectorAll('#plot-coefficients polyline')].map(p => [p.dataset.name, p.getAttribute('points').trim().split(' ').length]))"));
      assertThat(lines.stream().map(l -> ((JsonArray) l).getString(0)).toList()).containsExactlyElementsOf(coefficients.fieldNames());
      assertThat(lines).allSatisfy(l -> assertThat(((JsonArray) l).getInteger(1)).isEqualTo(rounds.size()));
      assertThat(browser.eval("document.querySelectorAll('#plot-deviance polyline').length")).isEqualTo(1);
      // the last point of the ltv line sits where the final ltv estimate is: same pixel as the last round's value
      assertThat(rounds.getJsonObject(rounds.size() - 1).getJsonObject("parameters").getDouble("ltv"))
          .isEqualTo(coefficients.getDouble("ltv"));

      // the run's standalone report renders the same numbers without the dashboard
      openReport(browser, id);
      JsonArray reportTable = new JsonArray((String) browser.eval(
          "JSON.stringify([...document.querySelectorAll('td.estimate')].map(td => [td.dataset.param, Number(td.dataset.value)]))"));
      assertThat(reportTable).isEqualTo(table);
      browser.screenshot(Path.of("target", "report.png"));
    }
    assertThat(Path.of("target", "dashboard.png")).isNotEmptyFile();
    assertThat(Path.of("target", "report.png")).isNotEmptyFile();
  }

  @Test
  @DisplayName("a run with a formula from the page: the page and the run's report show the formula, the categoricals and "
      + "patsy's column names")
  void formulaFromThePage() throws Exception {
    String formula = "LGD ~ ltv + I(ltv ** 2) + C(senior)";
    try (Chromium browser = new Chromium(chromium(), 1280, 1600)) {
      browser.open("http://127.0.0.1:" + port + "/?autorun=1&model=ols&formula="
          + URLEncoder.encode(formula, StandardCharsets.UTF_8) + "&weights=months_in_default");
      assertThat(browser.waitFor("document.body.getAttribute('data-state') === 'succeeded'", 90)).isTrue();
      String shown = (String) browser.eval("document.getElementById('run-formula').textContent");
      assertThat(shown).contains("formula " + formula + ", weights months_in_default");
      assertThat(browser.eval("document.querySelector('table.categoricals td').textContent")).isEqualTo("C(senior)");
      JsonArray names = new JsonArray((String) browser.eval(
          "JSON.stringify([...document.querySelectorAll('td.estimate')].map(td => td.dataset.param))"));
      assertThat(names).containsExactly("intercept", "C(senior)[T.1]", "ltv", "I(ltv ** 2)");
      String id = (String) browser.eval("document.getElementById('run').getAttribute('data-run')");
      openReport(browser, id);
      assertThat((String) browser.eval("document.getElementById('run-formula').textContent")).isEqualTo(shown);
    }
  }

  @Test
  @DisplayName("a meta-analysis from the page: one forest plot per coefficient, one mark per server plus the pooled "
      + "and the random-effects marks, a calibration plot with one mark per decile and the LGD distribution with one bar "
      + "per bucket, at the API's values; the run's report draws the same marks")
  void forestPlots() throws Exception {
    String marks = "JSON.stringify([...document.querySelectorAll('svg.forest')].map(s => [s.dataset.param, "
        + "[...s.querySelectorAll('g.mark')].map(g => [g.dataset.kind, g.dataset.id || '', Number(g.dataset.estimate)])]))";
    try (Chromium browser = new Chromium(chromium(), 1280, 2400)) {
      browser.open("http://127.0.0.1:" + port + "/?autorun=1&model=ols&meta=true");
      assertThat(browser.waitFor("document.body.getAttribute('data-state') === 'succeeded'", 90)).isTrue();
      String id = (String) browser.eval("document.getElementById('run').getAttribute('data-run')");
      JsonObject result = new JsonObject(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/api/runs/" + id)).build(), HttpResponse.BodyHandlers.ofString())
          .body()).getJsonObject("result");
      JsonObject meta = result.getJsonObject("meta");
      JsonArray plots = new JsonArray((String) browser.eval(marks));
      browser.screenshot(Path.of("target", "dashboard-forest.png"));
      assertThat(plots.stream().map(p -> ((JsonArray) p).getString(0)).toList())
          .containsExactlyElementsOf(meta.getJsonObject("combined").fieldNames());
      for (Object o : plots) {
        String name = ((JsonArray) o).getString(0);
        JsonArray m = ((JsonArray) o).getJsonArray(1);
        assertThat(m).hasSize(4 + 2);
        for (int k = 0; k < 4; k++) {
          JsonObject server = meta.getJsonArray("servers").getJsonObject(k);
          assertThat(m.getJsonArray(k).getList()).containsExactly("server", String.valueOf(server.getInteger("id")),
              server.getJsonObject("coefficients").getDouble(name));
        }
        assertThat(m.getJsonArray(4).getDouble(2)).isEqualTo(result.getJsonObject("coefficients").getDouble(name));
        assertThat(m.getJsonArray(5).getDouble(2)).isEqualTo(meta.getJsonObject("combined").getJsonObject(name)
            .getJsonObject("random").getDouble("estimate"));
      }
      String points = "JSON.stringify([...document.querySelectorAll('#plot-calibration g.mark')].map(g => "
          + "[Number(g.dataset.group), Number(g.dataset.n), Number(g.dataset.predicted), Number(g.dataset.realised)]))";
      JsonArray calibration = new JsonArray((String) browser.eval(points));
      JsonArray api = result.getJsonObject("validation").getJsonArray("calibration");
      assertThat(calibration).hasSize(api.size()).isNotEmpty();
      for (int k = 0; k < api.size(); k++) {
        JsonObject p = api.getJsonObject(k);
        JsonArray mark = calibration.getJsonArray(k);
        assertThat(new double[] {mark.getDouble(0), mark.getDouble(1), mark.getDouble(2), mark.getDouble(3)})
            .containsExactly(p.getDouble("group"), p.getDouble("n"), p.getDouble("meanPredicted"),
                p.getDouble("meanRealised"));
      }
      String bars = "JSON.stringify([...document.querySelectorAll('#plot-histogram g.mark')].map(g => "
          + "[Number(g.dataset.bucket), Number(g.dataset.n)]))";
      JsonArray histogram = new JsonArray((String) browser.eval(bars));
      JsonArray apiHistogram = result.getJsonObject("validation").getJsonArray("histogram");
      assertThat(histogram).hasSize(12);
      for (int b = 0; b < 12; b++) {
        assertThat(histogram.getJsonArray(b).getLong(1)).as("bucket %d", b)
            .isEqualTo(apiHistogram.getJsonObject(b).getLong("n"));
      }
      openReport(browser, id);
      assertThat(new JsonArray((String) browser.eval(marks))).isEqualTo(plots);
      assertThat(new JsonArray((String) browser.eval(points))).isEqualTo(calibration);
      assertThat(new JsonArray((String) browser.eval(bars))).isEqualTo(histogram);
    }
  }

  @Test
  @DisplayName("the Data tab: describing the servers' data shows one table per column with a row per server and the "
      + "pooled row, at the API's values, and a bar per bin of the pooled counts")
  void dataTab() throws Exception {
    try (Chromium browser = new Chromium(chromium(), 1280, 2400)) {
      browser.open("http://127.0.0.1:" + port + "/");
      // a click before the page's handlers are attached would submit the form as a plain GET
      assertThat(browser.waitFor("document.getElementById('describe').getAttribute('data-ready') === 'true'", 30)).isTrue();
      browser.eval("document.getElementById('data-tab').click(); document.getElementById('describe-button').click(); true");
      assertThat(browser.waitFor("document.querySelectorAll('#description table').length > 0", 60)).isTrue();
      JsonObject api = new JsonObject(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/api/describe?bins=100")).build(), HttpResponse.BodyHandlers.ofString())
          .body());
      browser.screenshot(Path.of("target", "dashboard-data.png"));
      assertThat((Boolean) browser.eval("document.querySelector('[data-tab=runs]').hidden")).isTrue();
      for (Object o : api.getJsonArray("numbers")) {
        JsonObject column = (JsonObject) o;
        String name = column.getString("name");
        JsonArray rows = new JsonArray((String) browser.eval("JSON.stringify([...document.querySelectorAll("
            + "'#description table[data-column=\"" + name + "\"] tr[data-row]')].map(r => [...r.cells].map(c => c.textContent)))"));
        assertThat(rows).as(name).hasSize(4 + 1);
        JsonObject pooled = column.getJsonObject("pooled");
        JsonArray last = rows.getJsonArray(4);
        assertThat(last.getString(0)).isEqualTo("pooled");
        assertThat(last.getString(1)).isEqualTo(String.valueOf(pooled.getLong("n")));
        assertThat(Double.parseDouble(last.getString(3))).isCloseTo(pooled.getDouble("mean"),
            offset(1e-4 * Math.abs(pooled.getDouble("mean"))));
        assertThat(Double.parseDouble(last.getString(7))).isCloseTo(pooled.getJsonArray("quantiles").getDouble(2),
            offset(1e-4 * Math.abs(pooled.getJsonArray("quantiles").getDouble(2)) + 1e-9));
        Object bars = browser.eval("document.querySelectorAll('svg.distribution[data-column=\"" + name + "\"] rect').length");
        assertThat(((Number) bars).intValue()).isEqualTo(column.getJsonObject("grid").getInteger("bins"));
      }
    }
  }

  /** Writes the HTML report of run {@code id} from its record and opens it in {@code browser}, rendered. */
  private static void openReport(Chromium browser, String id) throws Exception {
    Path record;
    try (Stream<Path> s = Files.list(runs)) {
      record = s.filter(p -> p.getFileName().toString().endsWith(id)).findFirst().orElseThrow();
    }
    Path html = record.resolve("report.html");
    Files.writeString(html, Report.html(RunStore.readRecord(record)));
    browser.open(html.toAbsolutePath().toUri().toString());
    assertThat(browser.waitFor("document.body.getAttribute('data-state') === 'rendered'", 30)).isTrue();
  }
}
