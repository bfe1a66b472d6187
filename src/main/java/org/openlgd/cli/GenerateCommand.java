package org.openlgd.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openlgd.config.Check;
import org.openlgd.data.CategoricalGenerator;
import org.openlgd.data.LgdGenerator;
import org.openlgd.data.ParquetFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "write synthetic LGD data for K banks (bank1.csv ...), the original's X,Y "
    + "file (regression_data.csv) and the true model (truth.json)")
final class GenerateCommand extends Subcommand {
  @Option(names = "--out", paramLabel = "DIR", description = "the folder to write")
  String dir;
  @Option(names = "--servers", paramLabel = "K", defaultValue = "4", description = "banks")
  int servers;
  @Option(names = "--rows", paramLabel = "N", defaultValue = "1500", description = "average rows per bank")
  int rows;
  @Option(names = "--seed", paramLabel = "S", defaultValue = "2026", description = "the generator's seed")
  long seed;
  @Option(names = "--noise", paramLabel = "Z", defaultValue = "0",
      description = "extra covariates z1..zZ (standard normal) without effect on LGD")
  int noise;
  @Option(names = "--full-precision",
      description = "keep every bit of the continuous values (16-17 significant digits, as pandas writes doubles) "
          + "instead of 4 to 6 decimals")
  boolean fullPrecision;
  @Option(names = "--categorical",
      description = "banks with categorical drivers (collateral, facility), exposure at default (ead, a weight) and "
          + "optional missing values, instead of the numeric files (see data/README.md)")
  boolean categorical;
  @Option(names = "--bank-effect-sd", paramLabel = "TAU", defaultValue = "0",
      description = "heterogeneity between banks: each bank's own effect u ~ N(0, TAU^2) on the logit scale, subtracted "
          + "from its cure logit and added to its total-loss and severity logits (truth.json lists the drawn effects; "
          + "--meta's random-effects tau2 estimates TAU^2)")
  double bankEffectSd;
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
      description = "csv, or parquet (bank1.parquet ...: the same values, written by DuckDB from the CSV files, which "
          + "are then removed; needs the optional lib/duckdb_jdbc jar, see docs/data-sources.md)")
  String format;
  @Option(names = "--missing-share", paramLabel = "P", defaultValue = "0",
      description = "with --categorical: the share of rows missing ltv, collateral and ead (each on its own)")
  double missingShare;

  @Override
  int run() throws Exception {
    if (dir == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    Check.range("generate", "servers", servers, 1, 10_000);
    Check.range("generate", "rows", rows, 1, 100_000_000);
    Check.range("generate", "noise", noise, 0, 1000);
    if (!(bankEffectSd >= 0 && bankEffectSd <= 10)) {
      throw new IllegalArgumentException("--bank-effect-sd must be from 0 to 10, not " + bankEffectSd);
    }
    if (bankEffectSd > 0 && categorical) {
      throw new IllegalArgumentException("--bank-effect-sd applies to the numeric banks, not --categorical");
    }
    if (missingShare != 0 && !categorical) {
      throw new IllegalArgumentException("--missing-share needs --categorical");
    }
    if (!format.equals("csv") && !format.equals("parquet")) {
      throw new IllegalArgumentException("--format is csv or parquet, not '" + format + "'");
    }
    List<Path> files = categorical ? CategoricalGenerator.write(Path.of(dir), servers, rows, seed, missingShare)
        : LgdGenerator.write(Path.of(dir), LgdGenerator.profiles(servers, rows, seed, bankEffectSd), seed, noise,
            fullPrecision);
    if (format.equals("parquet")) {
      files = parquet(files);
    }
    Path truth = Path.of(dir, "truth.json");
    Files.writeString(truth, (categorical ? categoricalTruth() : truth()).encodePrettily() + "\n");
    for (Path f : files) {
      out.println("wrote " + f);
    }
    out.println("wrote " + truth);
    return 0;
  }

  private String formatOption() {
    return format.equals("csv") ? "" : " --format " + format;
  }

  private static List<Path> parquet(List<Path> csvFiles) throws Exception {
    List<Path> out = new ArrayList<>();
    for (Path csv : csvFiles) {
      String name = csv.getFileName().toString();
      Path p = csv.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".parquet");
      ParquetFiles.fromCsv(csv, p);
      Files.delete(csv);
      out.add(p);
    }
    return out;
  }

  private JsonObject truth() {
    JsonArray banks = new JsonArray();
    for (LgdGenerator.BankProfile p : LgdGenerator.profiles(servers, rows, seed, bankEffectSd)) {
      JsonObject b = new JsonObject().put("id", p.id()).put("file", "bank" + p.id() + "." + format).put("rows", p.rows())
          .put("ltvMedian", p.ltvMedian()).put("seniorShare", p.seniorShare()).put("logEadMean", p.logEadMean())
          .put("meanMonthsInDefault", p.meanMonthsInDefault());
      banks.add(bankEffectSd > 0 ? b.put("bankEffect", p.bankEffect()) : b);
    }
    JsonArray names = new JsonArray().add("intercept");
    LgdGenerator.FEATURES.forEach(names::add);
    return new JsonObject()
        .put("generator", "openlgd generate --servers " + servers + " --rows " + rows + " --seed " + seed
            + (noise > 0 ? " --noise " + noise : "") + (fullPrecision ? " --full-precision" : "")
            + (bankEffectSd > 0 ? " --bank-effect-sd " + bankEffectSd : "") + formatOption())
        .put("target", LgdGenerator.TARGET)
        .put("coefficientOrder", names)
        .put("cureLogit", vector(LgdGenerator.CURE))
        .put("totalLossLogit", vector(LgdGenerator.TOTAL_LOSS))
        .put("severityMeanLogit", vector(LgdGenerator.SEVERITY))
        .put("severityPrecision", LgdGenerator.PHI)
        .put("banks", banks)
        .put("xyFile", new JsonObject().put("file", "regression_data.csv").put("X", "ltv").put("Y", "LGD").put("rowsFrom", "bank1.csv"));
  }

  private JsonObject categoricalTruth() {
    JsonObject t = truth();
    t.remove("xyFile");
    t.put("generator", "openlgd generate --categorical --servers " + servers + " --rows " + rows + " --seed " + seed
        + (missingShare > 0 ? " --missing-share " + missingShare : "") + formatOption());
    t.put("columns", new JsonArray(CategoricalGenerator.COLUMNS));
    t.put("coefficientOrder", new JsonArray(List.of("intercept", "ltv", "senior", "log(ead)", "months_in_default")));
    t.put("effectsOrder", new JsonArray(List.of("cureLogit", "totalLossLogit", "severityMeanLogit")));
    t.put("collateralEffects", effects(CategoricalGenerator.COLLATERAL_LEVELS, CategoricalGenerator.COLLATERAL));
    t.put("facilityEffects", effects(CategoricalGenerator.FACILITY_LEVELS, CategoricalGenerator.FACILITY));
    t.put("missingShare", missingShare);
    t.getJsonArray("banks").forEach(b -> ((JsonObject) b).put("collateralLevels", servers > 1
        && ((JsonObject) b).getInteger("id") == servers ? "no guarantee" : "all"));
    return t;
  }

  private static JsonObject effects(List<String> levels, Map<String, double[]> effects) {
    JsonObject out = new JsonObject();
    levels.forEach(l -> out.put(l, vector(effects.get(l))));
    return out;
  }

  private static JsonArray vector(double[] v) {
    return new JsonArray(Arrays.stream(v).boxed().toList());
  }
}
