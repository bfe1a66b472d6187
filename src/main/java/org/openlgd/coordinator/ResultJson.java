package org.openlgd.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.api.JsonValues;
import org.openlgd.api.ServerInfo;
import org.openlgd.model.Fit;
import org.openlgd.model.Likelihood;
import org.openlgd.model.StageSummary;
import org.openlgd.stats.Calibration;
import org.openlgd.stats.Inference;
import org.openlgd.stats.Validation;

/**
 * The {@code --json} result line: {@code model}, {@code coefficients} by name, {@code n}, {@code servers},
 * {@code rounds}, {@code converged}, target, features, participants and the round log, then what the model adds
 * (coefficient table, fit statistics, stages, distance from the pooled fit), the validation, and the timing.
 */
final class ResultJson {
  private ResultJson() {
  }

  static JsonObject of(FederatedResult r) {
    Fit fit = r.fit();
    FederatedResult.RunInfo run = r.run();
    List<String> names = fit.model().parameterNames(run.features());
    JsonObject out = new JsonObject()
        .put("model", fit.model().wireName())
        .put("coefficients", named(names, fit.coefficients()))
        .put("n", fit.n())
        .put("servers", run.servers().size())
        .put("rounds", fit.rounds())
        .put("converged", fit.converged())
        .put("target", run.target())
        .put("features", new JsonArray(List.copyOf(run.features())));
    if (run.secure()) {
      out.put("secure", true);
    }
    if (run.design() != null) {
      out.put("design", run.design().toJson());
    }
    JsonArray rows = new JsonArray();
    for (ServerInfo s : run.servers()) {
      JsonObject row = new JsonObject().put("url", s.url()).put("id", s.id()).put("n", s.n())
          .put("fingerprint", s.fingerprint());
      rows.add(s.dataFingerprint() == null ? row : row.put("dataFingerprint", s.dataFingerprint()));
    }
    out.put("participants", rows);
    JsonArray log = new JsonArray();
    for (FederatedResult.Round round : run.history()) {
      JsonObject o = new JsonObject().put("round", round.id()).put("epoch", round.epoch())
          .put("servers", new JsonArray(round.participants())).put("startedAt", round.startedAtMs())
          .put("ms", Math.round(round.millis() * 1000) / 1000.0);
      if (!round.absent().isEmpty()) {
        o.put("absent", new JsonArray(round.absent()));
      }
      if (round.attempts() > 1) {
        o.put("attempts", round.attempts());
      }
      log.add(o);
    }
    if (!log.isEmpty()) {
      out.put("roundLog", log);
    }
    details(out, fit, names);
    Likelihood likelihood = r.likelihood();
    if (likelihood != null) {
      out.put("logLikelihood", likelihood.logLikelihood()).put("parametersEstimated", likelihood.parameters())
          .put("aic", likelihood.aic()).put("bic", likelihood.bic());
    }
    if (!fit.intercept()) {
      // a model without an intercept: its place (0, no standard error) is not reported
      out.put("intercept", false);
      for (String key : List.of("coefficients", "standardErrors", "pValues", "confidenceIntervals")) {
        if (out.getValue(key) instanceof JsonObject byName) {
          names.stream().filter(n -> !fit.reported(n)).forEach(byName::remove);
        }
      }
    }
    if (r.meta() != null) {
      out.put("meta", r.meta().toJson(names));
    }
    if (r.crossValidation() != null) {
      out.put("crossValidation", r.crossValidation().toJson(names, ResultJson::report));
    }
    if (r.validation() != null) {
      out.put("validation", validation(r.validation(), run.servers()));
    }
    return out.put("coordinatorMs", Math.round(run.coordinatorMs() * 1000) / 1000.0).put("firstRoundAtMs", run.firstRoundAtMs());
  }

  private static void details(JsonObject out, Fit fit, List<String> names) {
    Fit.Details d = fit.details();
    Inference inference = d.inference();
    if (inference != null) {
      JsonObject ci = new JsonObject();
      for (int j = 0; j < names.size(); j++) {
        ci.put(names.get(j), new JsonArray().add(inference.lower()[j]).add(inference.upper()[j]));
      }
      out.put("standardErrors", named(names, inference.standardErrors())).put("pValues", named(names, inference.pValues()))
          .put("confidenceIntervals", ci).put("covariance", inference.covariance());
    }
    if (d.ols() != null) {
      out.put("rSquared", d.ols().rSquared()).put("residualStdError", d.ols().residualStdError());
    }
    if (!Double.isNaN(d.deviance())) {
      out.put(fit.model().logLikelihood() ? "logLikelihood" : "deviance", fit.model().logLikelihood() ? -d.deviance() / 2 : d.deviance());
    }
    if (d.stages().size() == 1) {
      StageSummary st = d.stages().get(0);
      if (Double.isFinite(st.nullDeviance())) {
        out.put("nullDeviance", st.nullDeviance());
      }
      if (Double.isFinite(st.pseudoRSquared())) {
        out.put("pseudoRSquared", st.pseudoRSquared());
      }
    } else if (d.stages().size() > 1) {
      JsonArray list = new JsonArray();
      for (StageSummary st : d.stages()) {
        JsonObject o = new JsonObject().put("model", st.model().wireName()).put("n", st.n()).put("rounds", st.rounds())
            .put("converged", st.converged());
        if (st.model().logLikelihood()) {
          o.put("logLikelihood", -st.deviance() / 2);
        } else {
          o.put("deviance", st.deviance()).put("nullDeviance", st.nullDeviance());
        }
        finite(o, "pseudoRSquared", st.pseudoRSquared());
        list.add(o);
      }
      out.put("stages", list);
    }
    if (!Double.isNaN(d.maxAbsDiffFromPooled())) {
      out.put("maxAbsDiffFromPooled", d.maxAbsDiffFromPooled());
    }
  }

  private static JsonObject validation(FederatedResult.Checks checks, List<ServerInfo> servers) {
    JsonArray perServer = new JsonArray();
    for (int k = 0; k < checks.perServer().size(); k++) {
      if (checks.perServer().get(k) != null) {
        perServer.add(report(checks.perServer().get(k)).put("id", k < servers.size() ? servers.get(k).id() : k));
      }
    }
    JsonObject out = new JsonObject().put("pooled", report(checks.pooled())).put("servers", perServer);
    if (checks.calibration() != null) {
      JsonArray points = new JsonArray();
      for (Calibration.Point p : checks.calibration().points()) {
        JsonObject o = new JsonObject().put("group", p.group()).put("n", p.n()).put("meanPredicted", p.meanPredicted())
            .put("meanRealised", p.meanRealised()).put("difference", p.difference());
        finite(o, "predictedFrom", p.from());
        finite(o, "predictedTo", p.to());
        finite(o, "ciLow", p.ciLow());
        finite(o, "ciHigh", p.ciHigh());
        points.add(o);
      }
      out.put("calibration", points);
    }
    if (checks.histogram() != null) {
      JsonArray histogram = new JsonArray();
      for (int b = 0; b < checks.histogram().length; b++) {
        histogram.add(new JsonObject().put("bucket", b).put("n", checks.histogram()[b]));
      }
      out.put("histogram", histogram);
    }
    if (checks.suppressed() > 0) {
      // the pooled Somers' D and gAUC rest on the cells the servers showed
      out.put("suppressedLoans", checks.suppressed());
    }
    if (checks.pooled().weighted()) {
      out.put("weighted", new JsonArray(List.of("rmse", "mae", "rSquared", "meanRealised", "meanPredicted")));
    }
    return out;
  }

  private static JsonObject report(Validation.Report v) {
    JsonObject o = new JsonObject().put("n", v.n());
    finite(o, "rmse", v.rmse());
    finite(o, "mae", v.mae());
    finite(o, "rSquared", v.rSquared());
    finite(o, "meanRealised", v.meanRealised());
    finite(o, "meanPredicted", v.meanPredicted());
    finite(o, "lossShortfall", v.lossShortfall());
    finite(o, "pairedT", v.tStatistic());
    finite(o, "pairedTPValue", v.pValue());
    finite(o, "somersD", v.somersD());
    finite(o, "gAuc", v.gAuc());
    return o;
  }

  private static void finite(JsonObject o, String key, double v) {
    o.put(key, JsonValues.orNull(v));
  }

  /** {@code values} of the parameters {@code names} that {@code fit} reports (an absent intercept left out). */
  static JsonObject reported(Fit fit, List<String> names, double[] values) {
    JsonObject o = new JsonObject();
    for (int j = 0; j < names.size(); j++) {
      if (fit.reported(names.get(j))) {
        o.put(names.get(j), values[j]);
      }
    }
    return o;
  }

  private static JsonObject named(List<String> names, double[] values) {
    JsonObject o = new JsonObject();
    for (int j = 0; j < names.size(); j++) {
      o.put(names.get(j), values[j]);
    }
    return o;
  }
}
