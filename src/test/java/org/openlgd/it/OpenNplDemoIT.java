package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.cli.CliRunner;

/**
 * The original openLGD's second demo, across JVMs: four data nodes serve the shipped banks as openNPL-style REST APIs,
 * four model servers read their rows from them, and the coordinator runs over HTTP. Every JVM is killed by PID.
 */
@DisplayName("openNPL demo: model servers reading openNPL-style APIs")
class OpenNplDemoIT {
  private final List<ServerJvm> jvms = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ServerJvm j : jvms) {
      j.close();
    }
  }

  @Test
  @DisplayName("federated ols over the APIs equals federated ols over the CSV files, digit for digit")
  void olsOverTheApisEqualsOlsOverTheFiles() throws Exception {
    List<String> files = List.of("data/bank1.csv", "data/bank2.csv", "data/bank3.csv", "data/bank4.csv");
    String[] header = Files.readAllLines(Path.of(files.get(0))).get(0).split(",", 2);
    List<ServerJvm> nodes = new ArrayList<>();
    for (int k = 1; k <= files.size(); k++) {
      nodes.add(ServerJvm.dataNode(k, files.get(k - 1)).launch());
    }
    jvms.addAll(nodes);
    List<ServerJvm> servers = new ArrayList<>();
    for (int k = 1; k <= files.size(); k++) {
      nodes.get(k - 1).awaitUp(60);
      servers.add(new ServerJvm(k, nodes.get(k - 1).url(), List.of("--target", header[0], "--features", header[1])).launch());
    }
    jvms.addAll(servers);
    for (ServerJvm s : servers) {
      s.awaitUp(120);
    }
    String urls = servers.stream().map(ServerJvm::url).collect(Collectors.joining(","));
    CliRunner.Run sgd = CliRunner.cli("coordinator", "--servers", urls, "--record", "false");
    assertThat(sgd.code()).as(sgd.err()).isZero();
    assertThat(sgd.out()).contains("model sgd, 4 servers, 6000 rows").contains("Final estimate");

    CliRunner.Run api = CliRunner.cli("coordinator", "--servers", urls, "--model", "ols", "--json", "--record", "false");
    List<String> sim = new ArrayList<>(List.of("simulate", "--model", "ols", "--json", "--record", "false"));
    files.forEach(f -> sim.addAll(List.of("--data", f)));
    CliRunner.Run csv = CliRunner.cli(sim.toArray(String[]::new));
    assertThat(api.code()).as(api.err()).isZero();
    assertThat(csv.code()).as(csv.err()).isZero();
    JsonObject a = new JsonObject(api.lastLine()).getJsonObject("coefficients");
    JsonObject b = new JsonObject(csv.lastLine()).getJsonObject("coefficients");
    assertThat(a.encode()).isEqualTo(b.encode());
  }
}
