package org.openlgd.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The original openLGD (Python, Flask) next to the project: its folder ({@code OPENLGD_UPSTREAM}, else
 * {@code ../shared/upstream/openLGD} beside the checkout), and Debian's Python with the packages it needs. Missing either, a test is skipped with
 * what to install, unless {@code OPENLGD_REQUIRE_UPSTREAM=1} (as in CI) makes that a failure.
 */
final class Upstream {
  static final String PYTHON = "/usr/bin/python3";
  static final String PACKAGES = "python3-flask python3-sklearn python3-pandas python3-requests python3-ruamel.yaml";

  private Upstream() {
  }

  /** The original's folder, after checking that it and its Python are there. */
  static Path require() throws Exception {
    Path dir = locate();
    String missing = null;
    if (!Files.isRegularFile(dir.resolve("model_server.py")) || !Files.isRegularFile(dir.resolve("federated_run.py"))) {
      missing = "the original openLGD is not at " + dir + " (set OPENLGD_UPSTREAM to its folder)";
    } else if (!Files.isExecutable(Path.of(PYTHON)) || run(List.of(PYTHON, "-c",
        "import flask, sklearn, pandas, requests, ruamel.yaml"), dir, 60).exit() != 0) {
      missing = "Debian's Python lacks what the original needs: apt-get install " + PACKAGES;
    }
    if (missing != null) {
      if ("1".equals(System.getenv("OPENLGD_REQUIRE_UPSTREAM"))) {
        throw new IllegalStateException(missing);
      }
      Assumptions.abort(missing + " (set OPENLGD_REQUIRE_UPSTREAM=1 to make this a failure)");
    }
    return dir;
  }

  /** {@code OPENLGD_UPSTREAM}, or the first of the usual places that holds the original (the first if none does). */
  private static Path locate() {
    String given = System.getenv("OPENLGD_UPSTREAM");
    if (given != null) {
      return Path.of(given).toAbsolutePath().normalize();
    }
    List<Path> places = List.of(Path.of("../shared/upstream/openLGD"), Path.of("../../shared/upstream/openLGD"),
        Path.of("/work/shared/upstream/openLGD"));
    return places.stream().filter(p -> Files.isRegularFile(p.resolve("model_server.py"))).findFirst()
        .orElse(places.get(0)).toAbsolutePath().normalize();
  }

  /** What a finished process printed. */
  record Output(int exit, String out) {
  }

  /** Runs {@code cmd} in {@code dir} to its end (killed after {@code seconds}); stdout and stderr together. */
  static Output run(List<String> cmd, Path dir, int seconds) throws IOException, InterruptedException {
    Path log = Files.createTempFile("openlgd-upstream", ".log");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + seconds + " s");
      }
      return new Output(p.exitValue(), Files.readString(log));
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  /** The original's model server k (1..4) on port 500k, as its README starts it; it reads server_dirs/k. */
  static Process flask(Path dir, int k) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(PYTHON, "-m", "flask", "run", "--host", "127.0.0.1",
        "--port", Integer.toString(5000 + k)))).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(Path.of("target", "it-logs", "flask-500" + k + ".log").toFile());
    pb.environment().put("FLASK_APP", "model_server.py");
    pb.environment().put("PYTHONPATH", ".");
    return pb.start();
  }
}
