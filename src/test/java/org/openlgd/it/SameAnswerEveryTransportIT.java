package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openlgd.cli.CliRunner;

/**
 * One implementation, whatever the transport: the shipped banks through {@code standalone} (rows pooled, one
 * in-process server), {@code simulate} (four in-process servers over the local event bus) and four HTTP server JVMs
 * (from the packaged jar) give the same estimates. The JVMs are killed by PID afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The same numbers over every transport")
class SameAnswerEveryTransportIT {
  private static final List<String> FILES = List.of("data/bank1.csv", "data/bank2.csv", "data/bank3.csv", "data/bank4.csv");
  private final List<ServerJvm> servers = new ArrayList<>();

  @BeforeAll
  void startServers() throws Exception {
    servers.addAll(ServerJvm.banks(FILES.size()));
  }

  @AfterAll
  void stopServers() throws Exception {
    for (ServerJvm s : servers) {
      s.close();
    }
  }

  private static JsonObject run(String... args) {
    CliRunner.Run r = CliRunner.cli(args);
    assertThat(r.code()).as("%s: %s", String.join(" ", args), r.err()).isZero();
    return new JsonObject(r.lastLine());
  }

  private static List<String> simulate(String... options) {
    List<String> args = new ArrayList<>(List.of("simulate", "--json", "--record", "false"));
    FILES.forEach(f -> args.addAll(List.of("--data", f)));
    args.addAll(List.of(options));
    return args;
  }

  private List<String> coordinator(String... options) {
    List<String> args = new ArrayList<>(List.of("coordinator", "--json", "--record", "false", "--servers",
        servers.stream().map(ServerJvm::url).collect(Collectors.joining(","))));
    args.addAll(List.of(options));
    return args;
  }

  private static void assertSame(String what, JsonObject expected, JsonObject actual, double relative) {
    for (String key : List.of("coefficients", "standardErrors")) {
      JsonObject e = expected.getJsonObject(key);
      JsonObject a = actual.getJsonObject(key);
      assertThat(a.fieldNames()).as("%s %s", what, key).containsExactlyElementsOf(e.fieldNames());
      for (String name : e.fieldNames()) {
        double x = e.getDouble(name);
        double y = a.getDouble(name);
        assertThat(Math.abs(x - y)).as("%s %s %s: %s vs %s", what, key, name, x, y).isLessThanOrEqualTo(relative * Math.abs(x));
      }
    }
    assertThat(actual.getLong("n")).as(what).isEqualTo(expected.getLong("n"));
    assertThat(actual.getInteger("rounds")).as(what).isEqualTo(expected.getInteger("rounds"));
  }

  @Test
  @DisplayName("every exact model: standalone on the pooled rows, simulate and 4 HTTP server JVMs agree to 1e-12")
  void exactModels() {
    for (String model : List.of("ols", "fractional-logit", "beta", "cure-logit", "total-loss-logit", "two-stage")) {
      String[] options = {"--model", model, "--boundary", "exclude"};
      List<String> alone = new ArrayList<>(List.of("standalone", "--json", "--data", String.join(",", FILES)));
      alone.addAll(List.of(options));
      JsonObject pooled = run(alone.toArray(String[]::new));
      JsonObject simulated = run(simulate(options).toArray(String[]::new));
      JsonObject http = run(coordinator(options).toArray(String[]::new));
      assertThat(simulated.getInteger("servers")).isEqualTo(4);
      assertThat(http.getInteger("servers")).isEqualTo(4);
      assertSame(model + " simulate vs HTTP JVMs", http, simulated, 1e-12);
      assertSame(model + " standalone vs HTTP JVMs", http, pooled, 1e-12);
    }
  }

  @Test
  @DisplayName("secure aggregation over the 4 HTTP server JVMs equals plain (1e-12; ols, from exact Gram matrices, 1e-9)")
  void secureEqualsPlain() {
    for (String model : List.of("sgd", "ols", "fractional-logit", "beta", "cure-logit", "total-loss-logit", "two-stage")) {
      JsonObject plain = run(coordinator("--model", model, "--boundary", "exclude").toArray(String[]::new));
      JsonObject secure = run(coordinator("--model", model, "--boundary", "exclude", "--secure").toArray(String[]::new));
      double tolerance = model.equals("ols") ? 1e-9 : 1e-12;
      if (model.equals("sgd")) {
        JsonObject a = plain.getJsonObject("coefficients");
        JsonObject b = secure.getJsonObject("coefficients");
        for (String name : a.fieldNames()) {
          assertThat(Math.abs(a.getDouble(name) - b.getDouble(name))).as("sgd %s", name)
              .isLessThanOrEqualTo(tolerance * Math.abs(a.getDouble(name)));
        }
      } else {
        assertSame(model + " secure vs plain over HTTP JVMs", plain, secure, tolerance);
      }
      assertThat(secure.getBoolean("secure")).isTrue();
      assertThat(secure.getJsonObject("validation").getJsonArray("servers")).isEmpty();
    }
  }

  @Test
  @DisplayName("sgd: the same split through simulate and 4 HTTP server JVMs gives identical results")
  void federatedAveraging() {
    JsonObject simulated = run(simulate("--epochs", "10").toArray(String[]::new));
    JsonObject http = run(coordinator("--epochs", "10").toArray(String[]::new));
    assertThat(http.getJsonObject("coefficients")).isEqualTo(simulated.getJsonObject("coefficients"));
    assertThat(http.getDouble("maxAbsDiffFromPooled")).isEqualTo(simulated.getDouble("maxAbsDiffFromPooled"));
    assertThat(http.getJsonObject("validation").getJsonObject("pooled"))
        .isEqualTo(simulated.getJsonObject("validation").getJsonObject("pooled"));
  }
}
