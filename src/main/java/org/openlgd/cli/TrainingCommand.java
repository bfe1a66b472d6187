package org.openlgd.cli;

import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.openlgd.cluster.Clustering;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.Tls;
import picocli.CommandLine.Command;

/**
 * The training run of {@code bin/openlgd}'s start-up archive: the JVM's class-data-sharing archive (JDK 17's AppCDS)
 * or AOT cache (JDK 25) holds the classes a run loaded, parsed, verified and linked, so the run should load what the
 * commands load. This one runs them small, in this JVM, on data it generates: model servers with a coordinator over
 * HTTP and over the event bus, every model family, a run record and its report, the standalone fit, and a member of a
 * one-JVM Hazelcast cluster (a name of its own, loopback), then removes its files.
 */
@Command(name = "startup-training", description = "(used by bin/openlgd, once per jar and JDK) run every command "
    + "briefly on generated data in this JVM, so that a start-up archive made from this run covers what they load")
final class TrainingCommand extends Subcommand {
  @Override
  int run() throws Exception {
    long t0 = System.nanoTime();
    Path dir = Files.createTempDirectory("openlgd-training");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int steps = 0;
    try {
      String d = dir.toString();
      String bank1 = d + "/bank1.csv";
      String bank2 = d + "/bank2.csv";
      List<String[]> commands = new ArrayList<>();
      commands.add(new String[] {"generate", "--out", d, "--servers", "2", "--rows", "200"});
      commands.add(new String[] {"standalone", "--data", d + "/regression_data.csv"});
      commands.add(new String[] {"bench", "--transport", "http", "--servers", "2", "--rows", "100", "--model", "sgd",
          "--runs", "3", "--warmup", "0"});
      for (String model : List.of("sgd", "ols", "fractional-logit", "beta", "tobit", "two-stage")) {
        commands.add(new String[] {"simulate", "--data", bank1, "--data", bank2, "--model", model, "--runs-dir",
            d + "/runs", "--json", "--boundary", "exclude"});
      }
      for (String[] c : commands) {
        steps++;
        int code = Cli.run(c, quiet, quiet);
        if (code != 0) {
          err.println("openlgd startup-training: '" + String.join(" ", c) + "' ended with code " + code);
          return 1;
        }
      }
      try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
        Path run = runs.findFirst().orElseThrow();
        steps++;
        Cli.run(new String[] {"report", "--run", run.toString()}, quiet, quiet);
      }
      steps++;
      ClusterSettings lone = new ClusterSettings(true, "openlgd-training-" + UUID.randomUUID(), null,
          ClusterSettings.DEFAULT_HOST, Tls.NONE);
      Vertx node = Await.result(Clustering.start(lone, false));
      Await.result(node.close());
    } finally {
      TempDirs.delete(dir);
    }
    out.printf("startup training: %d steps in %.1f s%n", steps, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
