package org.openlgd.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.api.ServerInfo;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.StageSummary;
import org.openlgd.stats.Inference;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.Validation;

/**
 * The outcome of one federated estimation.
 *
 * @param coefficients    intercept then features
 * @param rounds          epochs run after the cold start (SGD) or rounds of statistics exchanged (exact models)
 * @param history         round 0 is the cold start; one entry per epoch after it
 * @param ols             the pooled least-squares fit (R squared, residual SD), for {@link Model#OLS}; else null
 * @param inference       the coefficient table (SE, t or z, p, 95 % CI) for exact models; else null
 * @param deviance        the final deviance for the fractional logit; else NaN
 * @param coordinatorMs   time from the first liveness call to the result
 * @param firstRoundAtMs  wall-clock time (epoch ms) at which the first round was sent
 * @param validation      validation of the final estimate on all servers' rows pooled; null until validated
 * @param serverValidation the same per server, in server order (null for a server that did not answer the
 *                        validation round); empty until validated
 * @param stages          how each iterative fit went (one for an iterative model, three for two-stage; else none)
 * @param maxAbsDiffFromPooled for the approximate {@code sgd}: the largest absolute difference between its
 *                        coefficients and the exact pooled least-squares ones; else NaN
 */
public record FederatedResult(Model model, String target, List<String> features, double[] coefficients, long n,
                              List<ServerInfo> servers, int rounds, boolean converged, List<Round> history,
                              LeastSquares.OlsFit ols, Inference inference, double deviance, double coordinatorMs,
                              long firstRoundAtMs, Validation.Report validation, List<Validation.Report> serverValidation,
                              List<StageSummary> stages, double maxAbsDiffFromPooled) {

  /** This result with its validation attached (and the wall time updated). */
  public FederatedResult withValidation(Validation.Report pooled, List<Validation.Report> perServer, double wallMs) {
    return new FederatedResult(model, target, features, coefficients, n, servers, rounds, converged, history, ols,
        inference, deviance, wallMs, firstRoundAtMs, pooled, java.util.Collections.unmodifiableList(new java.util.ArrayList<>(perServer)),
        stages, maxAbsDiffFromPooled);
  }

  /** This result with the distance of its (approximate) coefficients from the exact pooled ones. */
  public FederatedResult withDistanceFromPooled(double maxAbsDiff) {
    return new FederatedResult(model, target, features, coefficients, n, servers, rounds, converged, history, ols,
        inference, deviance, coordinatorMs, firstRoundAtMs, validation, serverValidation, stages, maxAbsDiff);
  }

  /** The pseudo R squared of an iterative model (see {@link StageSummary}); NaN otherwise. */
  public double pseudoRSquared() {
    return stages.size() == 1 ? stages.get(0).pseudoRSquared() : Double.NaN;
  }

  /** The null deviance of a binomial iterative model; NaN otherwise. */
  public double nullDeviance() {
    return stages.size() == 1 ? stages.get(0).nullDeviance() : Double.NaN;
  }

  /**
   * One round as the coordinator saw it.
   *
   * @param epoch         0 for the cold start
   * @param estimates     each server's reply, in server order
   * @param combined      what the coordinator made of them (the weighted average, or the exact fit)
   * @param maxAbsChange  largest absolute change of a coefficient since the previous round (NaN for round 0)
   * @param millis        round time
   * @param deviance      the pooled deviance at {@code combined}, for iterative exact models; else NaN
   * @param id            the round's number in the run, as sent to the servers (0 outside a federation)
   * @param participants  the addresses of the servers whose replies were used, in the order of {@code estimates}
   * @param absent        "address: reason" for each server asked that did not take part
   */
  public record Round(int epoch, List<LocalEstimate> estimates, double[] combined, double maxAbsChange, double millis,
                      double deviance, long id, List<String> participants, List<String> absent) {
    public Round {
      participants = List.copyOf(participants);
      absent = List.copyOf(absent);
    }

    /** A round of a single local fit (standalone). */
    public Round(int epoch, List<LocalEstimate> estimates, double[] combined, double maxAbsChange, double millis) {
      this(epoch, estimates, combined, maxAbsChange, millis, Double.NaN, 0, List.of(), List.of());
    }

    public Round(int epoch, List<LocalEstimate> estimates, double[] combined, double maxAbsChange, double millis,
                 double deviance) {
      this(epoch, estimates, combined, maxAbsChange, millis, deviance, 0, List.of(), List.of());
    }
  }

  /** The result line of {@code --json}: model, coefficients by name, n, servers, rounds, converged, and extras. */
  public JsonObject toJson() {
    JsonObject coefs = named(coefficients);
    JsonObject out = new JsonObject()
        .put("model", model.wireName())
        .put("coefficients", coefs)
        .put("n", n)
        .put("servers", servers.size())
        .put("rounds", rounds)
        .put("converged", converged)
        .put("target", target)
        .put("features", new JsonArray(List.copyOf(features)));
    JsonArray rows = new JsonArray();
    for (ServerInfo s : servers) {
      rows.add(new JsonObject().put("url", s.url()).put("id", s.id()).put("n", s.n()).put("fingerprint", s.fingerprint()));
    }
    out.put("participants", rows);
    JsonArray log = new JsonArray();
    for (Round r : history) {
      if (r.id() > 0) {
        JsonObject o = new JsonObject().put("round", r.id()).put("epoch", r.epoch())
            .put("servers", new JsonArray(r.participants()));
        if (!r.absent().isEmpty()) {
          o.put("absent", new JsonArray(r.absent()));
        }
        log.add(o);
      }
    }
    if (!log.isEmpty()) {
      out.put("roundLog", log);
    }
    if (inference != null) {
      JsonObject ci = new JsonObject();
      List<String> names = model.parameterNames(features);
      for (int j = 0; j < names.size(); j++) {
        ci.put(names.get(j), new JsonArray().add(inference.lower()[j]).add(inference.upper()[j]));
      }
      out.put("standardErrors", named(inference.standardErrors()))
          .put("pValues", named(inference.pValues()))
          .put("confidenceIntervals", ci)
          .put("covariance", inference.covariance());
    }
    if (ols != null) {
      out.put("rSquared", ols.rSquared()).put("residualStdError", ols.residualStdError());
    }
    if (!Double.isNaN(deviance)) {
      if (model == Model.BETA) {
        out.put("logLikelihood", -deviance / 2);
      } else {
        out.put("deviance", deviance);
      }
    }
    if (Double.isFinite(nullDeviance())) {
      out.put("nullDeviance", nullDeviance());
    }
    if (Double.isFinite(pseudoRSquared())) {
      out.put("pseudoRSquared", pseudoRSquared());
    }
    if (stages.size() > 1) {
      JsonArray list = new JsonArray();
      for (StageSummary st : stages) {
        JsonObject o = new JsonObject().put("model", st.model().wireName()).put("n", st.n()).put("rounds", st.rounds())
            .put("converged", st.converged());
        if (st.model() == Model.BETA) {
          o.put("logLikelihood", -st.deviance() / 2);
        } else {
          o.put("deviance", st.deviance()).put("nullDeviance", st.nullDeviance());
        }
        putFinite(o, "pseudoRSquared", st.pseudoRSquared());
        list.add(o);
      }
      out.put("stages", list);
    }
    if (!Double.isNaN(maxAbsDiffFromPooled)) {
      out.put("maxAbsDiffFromPooled", maxAbsDiffFromPooled);
    }
    if (validation != null) {
      JsonArray perServer = new JsonArray();
      for (int k = 0; k < serverValidation.size(); k++) {
        if (serverValidation.get(k) != null) {
          perServer.add(validationJson(serverValidation.get(k)).put("id", k < servers.size() ? servers.get(k).id() : k));
        }
      }
      out.put("validation", new JsonObject().put("pooled", validationJson(validation)).put("servers", perServer));
    }
    return out.put("coordinatorMs", Math.round(coordinatorMs * 1000) / 1000.0).put("firstRoundAtMs", firstRoundAtMs);
  }

  private static JsonObject validationJson(Validation.Report v) {
    JsonObject o = new JsonObject().put("n", v.n());
    putFinite(o, "rmse", v.rmse());
    putFinite(o, "mae", v.mae());
    putFinite(o, "rSquared", v.rSquared());
    putFinite(o, "meanRealised", v.meanRealised());
    putFinite(o, "meanPredicted", v.meanPredicted());
    putFinite(o, "pairedT", v.tStatistic());
    putFinite(o, "pairedTPValue", v.pValue());
    putFinite(o, "somersD", v.somersD());
    putFinite(o, "gAuc", v.gAuc());
    return o;
  }

  private static void putFinite(JsonObject o, String key, double v) {
    o.put(key, Double.isFinite(v) ? v : null);
  }

  private JsonObject named(double[] values) {
    JsonObject o = new JsonObject();
    List<String> names = model.parameterNames(features);
    for (int j = 0; j < names.size(); j++) {
      o.put(names.get(j), values[j]);
    }
    return o;
  }
}
