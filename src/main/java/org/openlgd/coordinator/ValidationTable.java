package org.openlgd.coordinator;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.openlgd.api.ServerInfo;
import org.openlgd.stats.Calibration;
import org.openlgd.stats.Validation;

/** The console's validation table: one row per server, then the pooled row. */
final class ValidationTable {
  /** The buckets of predicted LGD: 0, the tenths, 1. */
  private static final List<String> BUCKET_NAMES = List.of("0", "(0,.1]", "(.1,.2]", "(.2,.3]", "(.3,.4]", "(.4,.5]",
      "(.5,.6]", "(.6,.7]", "(.7,.8]", "(.8,.9]", "(.9,1)", "1");
  private final PrintStream out;
  private final boolean secure;

  ValidationTable(PrintStream out, boolean secure) {
    this.out = out;
    this.secure = secure;
  }

  /** The table; {@code servers} empty for the pooled row only; {@code label} names a server. */
  void print(FederatedResult.Checks v, List<ServerInfo> servers, Function<ServerInfo, String> label) {
    out.println();
    out.println("Validation of the final estimate (from per-server sums; paired t: realised - predicted, one-sided)"
        + (v.pooled().weighted() ? ";\n  weighted by the rows' weights: RMSE, MAE, R2, mean y, mean pred, shortfall; "
        + "per loan: t, p, gAUC:" : ":"));
    out.printf(Locale.ROOT, "  %8s %8s %9s %9s %9s %9s %9s %9s %9s %9s %9s%n", "", "n", "RMSE", "MAE", "R2",
        "mean y", "mean pred", "shortfall", "t", "p", "gAUC");
    for (int k = 0; k < v.perServer().size() && k < servers.size(); k++) {
      String name = "s" + label.apply(servers.get(k));
      if (v.perServer().get(k) == null) {
        out.printf(Locale.ROOT, "  %8s  %s%n", name, secure ? "(not disclosed: secure aggregation)"
            : servers.get(k).original() ? "(an original openLGD server: no validation)"
            : "(did not answer the validation round)");
      } else {
        row(name, v.perServer().get(k));
      }
    }
    row("pooled", v.pooled());
    if (v.calibration() != null) {
      out.println();
      out.println("Calibration by decile of the pooled prediction (to 0.01; each server merges buckets under the "
          + "disclosure minimum):");
      out.printf(Locale.ROOT, "  %6s %13s %8s %10s %10s %10s %21s%n", "decile", "predicted", "n", "mean pred", "mean y",
          "y - pred", "95% CI");
      for (Calibration.Point p : v.calibration().points()) {
        String range = Double.isInfinite(p.from()) ? String.format(Locale.ROOT, "<= %.2f", p.to())
            : Double.isInfinite(p.to()) ? String.format(Locale.ROOT, "> %.2f", p.from())
            : String.format(Locale.ROOT, "%.2f-%.2f", p.from(), p.to());
        out.printf(Locale.ROOT, "  %6d %13s %8d %10.5f %10.5f %10.5f   [%8.5f, %8.5f]%n", p.group(), range, p.n(), p.meanPredicted(), p.meanRealised(), p.difference(),
            p.ciLow(), p.ciHigh());
      }
    }
    if (v.histogram() != null) {
      StringBuilder line = new StringBuilder("LGD distribution (realised, pooled; buckets under the minimum shown as 0):");
      for (int b = 0; b < v.histogram().length; b++) {
        line.append(b == 0 ? "\n  " : ", ").append(BUCKET_NAMES.get(b)).append(' ').append(v.histogram()[b]);
      }
      out.println();
      out.println(line);
    }
    if (v.suppressed() > 0) {
      out.printf(Locale.ROOT, "  (the servers suppressed %d loans in bucket cells under the disclosure minimum: the pooled"
          + " gAUC rests on the others; each server's on all its loans)%n", v.suppressed());
    }
  }

  private void row(String label, Validation.Report v) {
    out.printf(Locale.ROOT, "  %8s %8d %9.5f %9.5f %9.5f %9.5f %9.5f %9.5f %9.3f %9.3g %9.5f%n", label, v.n(), v.rmse(),
        v.mae(), v.rSquared(), v.meanRealised(), v.meanPredicted(), v.lossShortfall(), v.tStatistic(), v.pValue(),
        v.gAuc());
  }
}
