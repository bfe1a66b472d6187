package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead bank costs one round, not every round: 4 model-server JVMs, the coordinator as a fifth JVM (the whole
 * process a user runs: {@code coordinator --model sgd --epochs 300 --min-servers 3 --json}, default fault options),
 * one server SIGKILLed or SIGSTOPped once the coordinator has recorded 30 rounds (a fixed delay stopped working when the
 * coordinator got fast enough to finish within it). The rounds' times come from the run's
 * {@code roundLog} (start time and duration of every round). Each test is bounded in time and kills its JVMs by PID.
 */
@DisplayName("A dead or stalled server across JVMs costs one round")
class DeadServerIT {
  private static final int EPOCHS = 300;
  private final List<ServerJvm> servers = new ArrayList<>();

  @BeforeEach
  void startServers() throws Exception {
    servers.addAll(ServerJvm.banks(4));
  }

  @AfterEach
  void stopServers() throws Exception {
    for (ServerJvm s : servers) {
      s.close();
    }
  }

  /** The coordinator JVM's run, with the times of the signal and of the whole process. */
  private record Run(JsonObject result, long startedAt, long signalledAt, long endedAt) {
    List<JsonObject> rounds() {
      JsonArray log = result.getJsonArray("roundLog");
      return log.stream().map(JsonObject.class::cast).toList();
    }

    /** Median duration of the rounds that ended before the signal, and of those that started after it. */
    double[] medians() {
      List<Double> before = new ArrayList<>();
      List<Double> after = new ArrayList<>();
      for (JsonObject r : rounds()) {
        long start = r.getLong("startedAt");
        double ms = r.getDouble("ms");
        if (start + ms < signalledAt) {
          before.add(ms);
        } else if (start > signalledAt) {
          after.add(ms);
        }
      }
      return new double[] {median(before), median(after), before.size(), after.size()};
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    int n = s.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** Rounds the coordinator has done before the signal: enough for a median, however fast it runs. */
  private static final int ROUNDS_BEFORE = 30;

  /** Waits until the run record under {@code runs} holds {@code n} rounds (30 s at most). */
  private static void awaitRounds(Path runs, int n) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      try (Stream<Path> files = Files.walk(runs)) {
        List<Path> logs = files.filter(f -> f.getFileName().toString().equals("rounds.jsonl")).toList();
        if (!logs.isEmpty() && Files.readAllLines(logs.get(0)).size() >= n) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the coordinator did not record " + n + " rounds within 30 s");
  }

  /** Runs the coordinator JVM over the 4 servers; {@code signal} is applied once it has done 30 rounds. */
  private Run run(int epochs, Path runs, Signal signal) throws Exception {
    String urls = servers.stream().map(ServerJvm::url).collect(Collectors.joining(","));
    Path out = runs.resolve("coordinator.json");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-jar", ServerJvm.JAR.toString(), "coordinator", "--servers", urls, "--model", "sgd",
        "--epochs", Integer.toString(epochs), "--min-servers", "3", "--json", "--runs-dir", runs.toString());
    long t0 = System.currentTimeMillis();
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(runs.resolve("coordinator.err").toFile())
        .start();
    try {
      awaitRounds(runs, ROUNDS_BEFORE);
      long signalled = System.currentTimeMillis();
      signal.apply();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the coordinator finished within 60 s").isTrue();
      long ended = System.currentTimeMillis();
      assertThat(p.exitValue()).as(Files.readString(runs.resolve("coordinator.err"))).isZero();
      List<String> lines = Files.readAllLines(out);
      return new Run(new JsonObject(lines.get(lines.size() - 1)), t0, signalled, ended);
    } finally {
      p.destroyForcibly();
    }
  }

  @FunctionalInterface
  private interface Signal {
    void apply() throws Exception;
  }

  private void assertOneRoundLost(Run run, ServerJvm victim) {
    assertThat(run.endedAt() - run.startedAt()).as("whole coordinator process, ms").isLessThan(30_000);
    List<JsonObject> rounds = run.rounds();
    assertThat(rounds).hasSize(EPOCHS + 1);
    double[] m = run.medians();
    System.out.printf("round medians: %.2f ms before (%d rounds), %.2f ms after (%d rounds); whole run %d ms%n",
        m[0], (int) m[2], m[1], (int) m[3], run.endedAt() - run.startedAt());
    assertThat(m[2]).as("rounds before the signal").isGreaterThanOrEqualTo(5);
    assertThat(m[3]).as("rounds after the signal").isGreaterThanOrEqualTo(50);
    assertThat(m[1]).as("median round after the signal vs before").isLessThanOrEqualTo(2 * m[0]);
    JsonObject last = rounds.get(rounds.size() - 1);
    assertThat(last.getJsonArray("servers")).hasSize(3).doesNotContain(victim.url());
    assertThat(last.getJsonArray("absent").getString(0)).startsWith(victim.url() + ": circuit open");
    long slow = rounds.stream().filter(r -> r.getDouble("ms") > 500).count();
    assertThat(slow).as("rounds that waited for the lost server").isLessThanOrEqualTo(1);
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  @DisplayName("SIGKILL after 3 s: the run finishes in under 30 s and later rounds keep their pace")
  void sigkill(@TempDir Path runs) throws Exception {
    ServerJvm victim = servers.get(1);
    assertOneRoundLost(run(EPOCHS, runs, victim::kill), victim);
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  @DisplayName("SIGSTOP after 3 s: the frozen server is given up on once, the run finishes in under 30 s")
  void sigstop(@TempDir Path runs) throws Exception {
    ServerJvm victim = servers.get(2);
    assertOneRoundLost(run(EPOCHS, runs, victim::freeze), victim);
    assertThat(victim.alive()).isTrue();
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  @DisplayName("a server SIGKILLed and started again on the same port takes part again within 5 rounds")
  void restartRejoins(@TempDir Path runs) throws Exception {
    ServerJvm victim = servers.get(3);
    long[] ready = new long[1];
    // more epochs than above, so that the run is still going when the new JVM is up
    Run run = run(1_500, runs, () -> {
      victim.kill();
      victim.awaitExit(20);
      victim.launch().awaitUp(60);
      ready[0] = System.currentTimeMillis();
    });
    List<JsonObject> after = run.rounds().stream().filter(r -> r.getLong("startedAt") >= ready[0]).toList();
    assertThat(after).as("rounds after the restarted server answered").hasSizeGreaterThan(10);
    int back = -1;
    for (int k = 0; k < after.size() && back < 0; k++) {
      if (after.get(k).getJsonArray("servers").contains(victim.url())) {
        back = k;
      }
    }
    System.out.printf("the restarted server took part again %d round(s) after it answered%n", back);
    assertThat(back).as("rounds until the restarted server took part again").isBetween(0, 5);
    JsonObject last = after.get(after.size() - 1);
    assertThat(last.getJsonArray("servers")).hasSize(4);
    boolean missed = run.rounds().stream().anyMatch(r -> !r.getJsonArray("servers").contains(victim.url()));
    assertThat(missed).as("some rounds went on without the killed server").isTrue();
  }
}
