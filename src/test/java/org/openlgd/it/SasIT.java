package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.server.SourceServers;

/**
 * A SAS data set that SAS wrote (haven's example {@code iris.sas7bdat}: SAS 9.4 on Windows, installed with Debian's
 * r-cran-haven, not shipped here), read by a model server through parso, against R's haven reading the same file
 * (src/test/resources/sources/sas_oracle.R writes its rows as a CSV file, every double exactly).
 */
class SasIT {
  private static final String ORACLE = "src/test/resources/sources/sas_oracle.R";
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Runs the oracle script with {@code args}; its standard output goes to {@code out} and is returned. */
  private static String rscript(Path out, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("Rscript", ORACLE));
    cmd.addAll(List.of(args));
    Path err = out.resolveSibling(out.getFileName() + ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(err));
    }
    return Files.readString(out).strip();
  }

  private static boolean haven() {
    try {
      Process p = new ProcessBuilder("Rscript", "-e", "library(haven)").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  @DisplayName("a SAS-written data set read through parso holds what R's haven reads from it: same rows, same "
      + "fingerprint, the same OLS fit to the last bit")
  void sasWrittenFile(@TempDir Path tmp) throws Exception {
    boolean present = haven();
    if (!present && System.getenv("OPENLGD_REQUIRE_UPSTREAM") != null) {
      throw new IllegalStateException("R's haven is not installed; scripts/install-test-deps.sh installs r-cran-haven");
    }
    assumeThat(present).as("R's haven installed (apt-get install r-cran-haven)").isTrue();
    String sas = rscript(tmp.resolve("path"), "--example");
    Path csv = tmp.resolve("iris.csv");
    rscript(tmp.resolve("log"), sas, csv.toString());
    SourceServers servers = new SourceServers(vertx);
    String formula = "Sepal_Length ~ Sepal_Width + Petal_Length + np.log(Petal_Width) + C(Species)";
    JsonObject fromSas = servers.helloAndOls(new JsonObject().put("id", 1).put("data", sas).put("formula", formula));
    JsonObject fromR = servers.helloAndOls(new JsonObject().put("id", 2).put("data", csv.toString())
        .put("formula", formula));
    assertThat(fromSas.getJsonObject("hello").getLong("n")).isEqualTo(150);
    assertThat(fromSas.getJsonObject("hello").getString("fingerprint"))
        .isEqualTo(fromR.getJsonObject("hello").getString("fingerprint"));
    assertThat(fromSas.getJsonObject("ols").getJsonObject("coefficients"))
        .isEqualTo(fromR.getJsonObject("ols").getJsonObject("coefficients"));
    assertThat(fromSas.getJsonObject("ols").getJsonObject("coefficients").fieldNames())
        .contains("C(Species)[T.virgin]"); // the file holds Species in 6 characters: setosa, versic, virgin
  }
}
