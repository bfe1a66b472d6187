package org.openlgd.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.openlgd.api.JsonValues;
import org.openlgd.model.Fit;
import org.openlgd.stats.Validation;

/**
 * Leave-one-server-out cross-validation ({@code --cross-validate servers}): for each server, the model fitted exactly
 * on the other servers' rows and validated on its rows. The question a consortium asks first: does a model estimated
 * on the others work for my portfolio?
 *
 * @param servers per server, in run order: the fit on the others and its figures on this server's rows, or the
 *                reason there are none
 * @param pooled  the held-out figures of all servers together (from their summed validation sums)
 */
public record CrossValidation(List<HeldOut> servers, Validation.Report pooled) {

  /** One held-out server: {@code fit} on the others and {@code report} on its rows, or {@code error}. */
  public record HeldOut(int id, Fit fit, Validation.Report report, String error) {
  }

  /** A figure of a validation report, by its name in the {@code --json} result. */
  record Figure(String name, ToDoubleFunction<Validation.Report> value) {
  }

  /** The figures averaged over the held-out servers. */
  static final List<Figure> FIGURES = List.of(new Figure("rmse", Validation.Report::rmse),
      new Figure("mae", Validation.Report::mae), new Figure("rSquared", Validation.Report::rSquared),
      new Figure("meanRealised", Validation.Report::meanRealised),
      new Figure("meanPredicted", Validation.Report::meanPredicted), new Figure("somersD", Validation.Report::somersD),
      new Figure("gAuc", Validation.Report::gAuc));

  /** The mean over the held-out servers of one figure (NaN if none has it). */
  double average(ToDoubleFunction<Validation.Report> figure) {
    return servers.stream().filter(s -> s.report() != null).mapToDouble(s -> figure.applyAsDouble(s.report()))
        .filter(Double::isFinite).average().orElse(Double.NaN);
  }

  /** Lines for the console report: one row per held-out server, their average, and all held-out rows pooled. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add("Cross-validation by server (each server's rows under a fit on the other servers):");
    String format = "  %8s %8s %9s %9s %9s %9s %9s %9s";
    out.add(String.format(Locale.ROOT, format, "held out", "n", "RMSE", "MAE", "R2", "mean y", "mean pred", "gAUC"));
    for (HeldOut s : servers) {
      if (s.report() == null) {
        out.add(String.format(Locale.ROOT, "  %8s  %s", "s" + s.id(), "no figures: " + s.error()));
      } else {
        Validation.Report v = s.report();
        out.add(String.format(Locale.ROOT, "  %8s %8d %9.5f %9.5f %9.5f %9.5f %9.5f %9.5f", "s" + s.id(), v.n(), v.rmse(),
            v.mae(), v.rSquared(), v.meanRealised(), v.meanPredicted(), v.gAuc()));
      }
    }
    out.add(String.format(Locale.ROOT, "  %8s %8s %9.5f %9.5f %9.5f %9.5f %9.5f %9.5f", "average", "",
        average(Validation.Report::rmse), average(Validation.Report::mae), average(Validation.Report::rSquared),
        average(Validation.Report::meanRealised), average(Validation.Report::meanPredicted),
        average(Validation.Report::gAuc)));
    if (pooled != null) {
      out.add(String.format(Locale.ROOT, "  %8s %8d %9.5f %9.5f %9.5f %9.5f %9.5f %9.5f", "pooled", pooled.n(),
          pooled.rmse(), pooled.mae(), pooled.rSquared(), pooled.meanRealised(), pooled.meanPredicted(), pooled.gAuc()));
    }
    return out;
  }

  /** The {@code crossValidation} object of the {@code --json} result; {@code report} writes a figure set. */
  JsonObject toJson(List<String> names, Function<Validation.Report, JsonObject> report) {
    JsonArray per = new JsonArray();
    for (HeldOut s : servers) {
      JsonObject o = new JsonObject().put("id", s.id());
      if (s.report() == null) {
        o.put("error", s.error());
      } else {
        o.put("fittedOn", s.fit().n()).put("coefficients", ResultJson.reported(s.fit(), names, s.fit().coefficients()))
            .put("heldOut", report.apply(s.report()));
      }
      per.add(o);
    }
    JsonObject average = new JsonObject();
    for (Figure f : FIGURES) {
      double v = average(f.value());
      average.put(f.name(), JsonValues.orNull(v));
    }
    JsonObject out = new JsonObject().put("servers", per).put("average", average);
    return pooled == null ? out : out.put("pooled", report.apply(pooled));
  }
}
