package org.openlgd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openlgd.cli.CliRunner.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.config.JsonDefaults;
import org.openlgd.config.ServerConfig;

@DisplayName("Command line")
class CliTest {

  @Test
  @DisplayName("options: --name value, --name=value, flags, -conf file overridden by the command line")
  void parsing(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("c.json");
    Files.writeString(conf, "{\"epochs\": 3, \"model\": \"ols\", \"servers\": [\"http://a:1\"]}");
    JsonObject c = Cli.given("coordinator", "-conf", conf.toString(), "--epochs", "7", "--json", "--tol=0.5");
    assertThat(c.getString("epochs")).isEqualTo("7");
    assertThat(c.getString("model")).isEqualTo("ols");
    assertThat(c.getBoolean("json")).isTrue();
    CoordinatorConfig cc = CoordinatorConfig.from(c);
    assertThat(cc.epochs()).isEqualTo(7);
    JsonObject repeated = Cli.given("simulate", "--data", "a.csv", "--model", "sgd", "--data", "b.csv", "--model", "ols");
    assertThat(repeated.getJsonArray("data").getList()).containsExactly("a.csv", "b.csv");
    assertThat(repeated.getString("model")).isEqualTo("ols");
    Path secret = dir.resolve("token.txt");
    Files.writeString(secret, "  from-a-file\n");
    assertThat(ServerConfig.from(new JsonObject().put("port", 0).put("data", "x.csv").put("token-file", secret.toString())).trust().token())
        .isEqualTo("from-a-file");
    assertThatThrownBy(() -> CoordinatorConfig.from(new JsonObject().put("servers", "http://a:1").put("token", "t")
        .put("token-file", secret.toString()))).hasMessageContaining("not both");
    assertThat(cc.tolerance()).isEqualTo(0.5);
    assertThat(cc.servers()).containsExactly("http://a:1");
  }

  @Test
  @DisplayName("unknown options, unknown config keys, missing values and bad values are clear errors")
  void badUsage(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Cli.given("coordinator", "--nope", "1")).hasMessageContaining("unknown option --nope");
    assertThatThrownBy(() -> Cli.given("coordinator", "--epochs")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Cli.given("coordinator", "stray")).hasMessageContaining("unexpected argument 'stray'");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"epochz\": 3}");
    assertThatThrownBy(() -> Cli.given("coordinator", "-conf", bad.toString())).hasMessageContaining("unknown key 'epochz'");
    Files.writeString(bad, "{oops");
    assertThatThrownBy(() -> Cli.given("coordinator", "-conf", bad.toString())).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> Cli.given("coordinator", "-conf", dir.resolve("none.json").toString()))
        .hasMessageContaining("no such config file");

    CliRunner.Run r = cli("coordinator", "--servers", "http://127.0.0.1:1", "--epochs", "ten");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--epochs must be a whole number");
    assertThat(cli("frobnicate").code()).isEqualTo(2);
    assertThat(cli("coordinator").err()).contains("--servers");
    assertThat(cli("coordinator", "--servers", "127.0.0.1:5001").err()).contains("must start with http://");
    assertThat(cli("coordinator", "--servers", "http://127.0.0.1:1,http://127.0.0.1:2", "--min-servers", "3").err())
        .contains("--min-servers 3 is more than the 2 servers listed");
    assertThat(cli("server", "--data", "data/bank1.csv", "--port", "0", "--tls-keystore", dir.resolve("none.p12").toString(),
        "--tls-keystore-password", "x").err()).contains("cannot read the key or trust store");
    Path range = dir.resolve("range.csv");
    Files.writeString(range, "LGD,ltv\n0.5,1\n1.5,2\n");
    CliRunner.Run outOfRange = cli("server", "--data", range.toString(), "--port", "0", "--model", "beta");
    assertThat(outOfRange.code()).isNotZero();
    assertThat(outOfRange.err()).contains(range.toString()).contains("is 1.5 in data row 2").contains("[0, 1]");
    assertThat(cli("coordinator", "--servers", "http://127.0.0.1:1", "--tls-truststore", "data/bank1.csv",
        "--tls-truststore-password", "x").err()).contains("use https://");
    assertThat(cli("standalone", "--data", "data/regression_data.csv", "--model", "probit").err()).contains("unknown model 'probit'");
  }

  @Test
  @DisplayName("standalone --json: the last line of stdout is the result object")
  void standaloneJson() {
    CliRunner.Run r = cli("standalone", "--data", "data/regression_data.csv", "--epochs", "5", "--json");
    assertThat(r.code()).isZero();
    JsonObject j = new JsonObject(r.lastLine());
    assertThat(j.getString("model")).isEqualTo("sgd");
    assertThat(j.getJsonObject("coefficients").fieldNames()).containsExactly("intercept", "X");
    assertThat(j.getLong("n")).isEqualTo(2400);
    assertThat(j.getInteger("servers")).isEqualTo(1);
    assertThat(j.getInteger("rounds")).isEqualTo(5);
    assertThat(j.getBoolean("converged")).isNotNull();
  }

  @Test
  @DisplayName("standalone with --missing error reports a missing value with file, line and column and exit code 1")
  void standaloneBadData(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, "X,Y\n1,2\n2,\n");
    CliRunner.Run r = cli("standalone", "--data", f.toString(), "--missing", "error");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(f.toString() + ", line 3, column 2: missing value in column 'Y'");
  }

  @Test
  @DisplayName("coordinator --json and the human report against live servers; a dead server gives exit code 1")
  void coordinator() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<Future<String>> urls = new ArrayList<>();
      for (int k = 1; k <= 4; k++) {
        urls.add(TestServers.deploy(vertx, "data/bank" + k + ".csv", k));
      }
      List<String> list = Future.all(urls).toCompletionStage().toCompletableFuture().get().list();
      String servers = String.join(",", list);

      CliRunner.Run json = cli("coordinator", "--servers", servers, "--model", "ols", "--json");
      assertThat(json.code()).as(json.err()).isZero();
      JsonObject j = new JsonObject(json.lastLine());
      assertThat(j.getString("model")).isEqualTo("ols");
      assertThat(j.getLong("n")).isEqualTo(6000);
      assertThat(j.getInteger("servers")).isEqualTo(4);
      assertThat(j.getInteger("rounds")).isEqualTo(1);
      assertThat(j.getBoolean("converged")).isTrue();
      JsonObject validation = j.getJsonObject("validation");
      assertThat(validation.getJsonArray("servers").size()).isEqualTo(4);
      assertThat(validation.getJsonObject("pooled").getLong("n")).isEqualTo(6000);
      assertThat(validation.getJsonObject("pooled").getDouble("rSquared")).isCloseTo(j.getDouble("rSquared"),
          Offset.offset(1e-10));
      assertThat(validation.getJsonObject("pooled").fieldNames()).contains("rmse", "mae", "meanRealised", "meanPredicted",
          "pairedT", "pairedTPValue", "somersD", "gAuc");
      CliRunner.Run pooled = cli("standalone", "--data", "data/bank1.csv,data/bank2.csv,data/bank3.csv,data/bank4.csv", "--model", "ols", "--json");
      JsonObject p = new JsonObject(pooled.lastLine());
      for (String name : j.getJsonObject("coefficients").fieldNames()) {
        double a = j.getJsonObject("coefficients").getDouble(name);
        double b = p.getJsonObject("coefficients").getDouble(name);
        assertThat(Math.abs(a - b) / Math.abs(b)).as(name).isLessThanOrEqualTo(1e-9);
      }

      CliRunner.Run human = cli("coordinator", "--servers", servers, "--epochs", "3");
      assertThat(human.code()).as(human.err()).isZero();
      assertThat(human.out()).contains("model sgd, 4 servers, 6000 rows").contains("Cold start").contains("|step|").contains("4/4").contains("Run record: ")
          .contains("Final estimate").contains("wall time");
      for (String u : list) {
        assertThat(human.out()).contains(u);
      }

      CliRunner.Run dead = cli("coordinator", "--servers", servers + ",http://127.0.0.1:9", "--timeout", "2000",
          "--retries", "1", "--retry-backoff", "10");
      assertThat(dead.code()).isEqualTo(1);
      assertThat(dead.err()).contains("http://127.0.0.1:9").contains("cannot connect").contains("2 attempts")
          .contains("quorum 5 of 5");

      CliRunner.Run quorum = cli("coordinator", "--servers", servers + ",http://127.0.0.1:9", "--min-servers", "4",
          "--epochs", "2", "--retries", "0", "--json");
      assertThat(quorum.code()).as(quorum.err()).isZero();
      JsonObject q = new JsonObject(quorum.lastLine());
      assertThat(q.getLong("n")).isEqualTo(6000);
      assertThat(q.getJsonArray("roundLog")).hasSize(3);
      assertThat(q.getJsonArray("roundLog").getJsonObject(2).getJsonArray("servers")).hasSize(4);
      assertThat(q.getJsonArray("roundLog").getJsonObject(2).getJsonArray("absent").getString(0))
          .startsWith("http://127.0.0.1:9").contains("circuit open (missed the liveness check: cannot connect");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  @DisplayName("the shipped config files are valid")
  void shippedConfigs() {
    JsonObject servers = JsonDefaults.read("conf/servers.json");
    List<JsonObject> instances = ServerCommand.instances(servers);
    assertThat(instances).hasSize(4);
    for (JsonObject i : instances) {
      ServerConfig sc = ServerConfig.from(i);
      assertThat(Files.exists(Path.of(sc.data().source()))).isTrue();
      assertThat(sc.model().wireName()).isEqualTo("sgd");
    }
    assertThat(ServerConfig.from(JsonDefaults.read("conf/server-1.json")).endpoint().port()).isEqualTo(5001);
    CoordinatorConfig cc = CoordinatorConfig.from(JsonDefaults.read("conf/coordinator.json"));
    assertThat(cc.servers()).hasSize(4);
    assertThat(cc.epochs()).isEqualTo(10);
    assertThat(JsonDefaults.read("conf/standalone.json").getString("data")).isEqualTo("data/regression_data.csv");
    JsonObject clusterServers = JsonDefaults.read("conf/cluster-servers.json");
    assertThat(ClusterSettings.from(clusterServers, "server").enabled()).isTrue();
    assertThat(ServerCommand.instances(clusterServers)).hasSize(4).allSatisfy(i -> assertThat(ServerConfig.from(i).http()).isTrue());
    JsonObject clusterCoordinator = JsonDefaults.read("conf/cluster-coordinator.json");
    CoordinatorConfig ccc = CoordinatorConfig.from(clusterCoordinator, true);
    assertThat(ccc.discovers()).isTrue();
    assertThat(ccc.discovery().minServers()).isEqualTo(4);
    assertThat(ccc.discovery().transport()).isEqualTo(CoordinatorConfig.Transport.EVENTBUS);
  }

  @Test
  @DisplayName("generate writes the bank files, the X,Y file and truth.json")
  void generate(@TempDir Path dir) throws Exception {
    CliRunner.Run r = cli("generate", "--out", dir.toString(), "--servers", "3", "--rows", "50", "--seed", "4");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("bank1.csv"))).hasSize(81);
    assertThat(Files.readAllLines(dir.resolve("bank3.csv"))).hasSize(21);
    JsonObject truth = new JsonObject(Files.readString(dir.resolve("truth.json")));
    assertThat(truth.getJsonArray("banks").size()).isEqualTo(3);
    assertThat(Files.readAllLines(dir.resolve("regression_data.csv")).get(0)).isEqualTo("X,Y");
  }
}
