package org.openlgd.coordinator;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.api.ServerInfo;
import org.openlgd.model.Fit;
import org.openlgd.model.Likelihood;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.StageSummary;
import org.openlgd.stats.Calibration;
import org.openlgd.stats.Inference;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.Validation;

/**
 * The outcome of one federated estimation, in three parts: the fit (as its protocol left it), how the run went, and
 * the validation of the estimate on every server's rows; with {@code --meta}, the servers' own fits and their
 * combination; with {@code --cross-validate servers}, each server's figures under a fit on the others. {@link ResultJson} writes it as the {@code --json} line.
 */
public record FederatedResult(Fit fit, RunInfo run, Checks validation, MetaResult meta,
                              CrossValidation crossValidation) {
  public FederatedResult(Fit fit, RunInfo run, Checks validation) {
    this(fit, run, validation, null, null);
  }

  /**
   * How the run went.
   *
   * @param servers        the servers that passed the liveness check, as they described themselves
   * @param history        one entry per round of the fit (for federated averaging, round 0 is the cold start)
   * @param coordinatorMs  time from the first liveness call to the result, validation included
   * @param firstRoundAtMs wall-clock time (epoch ms) at which the first round was sent
   * @param secure         whether the servers' statistics were aggregated securely (only sums seen)
   */
  public record RunInfo(String target, List<String> features, List<ServerInfo> servers, List<Round> history,
                        double coordinatorMs, long firstRoundAtMs, boolean secure, DesignSummary design) {
    public RunInfo(String target, List<String> features, List<ServerInfo> servers, List<Round> history,
                   double coordinatorMs, long firstRoundAtMs, boolean secure) {
      this(target, features, servers, history, coordinatorMs, firstRoundAtMs, secure, null);
    }
  }

  /**
   * The validation of the final estimate.
   *
   * @param pooled    on all servers' rows pooled
   * @param perServer  the same per server, in server order (null for a server that did not answer its round); each
   *                   server's Somers' D from its full bucket table
   * @param suppressed the loans in bucket-table cells the servers suppressed (under the disclosure minimum); when
   *                   not 0, the pooled Somers' D and gAUC come from the cells shown, not from every loan
   * @param calibration the pooled calibration sums by predicted bucket (each server's small buckets merged), or null
   * @param histogram   the pooled loans by realised LGD bucket (each server's small buckets shown as 0), or null
   */
  public record Checks(Validation.Report pooled, List<Validation.Report> perServer, long suppressed,
                       Calibration calibration, long[] histogram) {
    public Checks(Validation.Report pooled, List<Validation.Report> perServer) {
      this(pooled, perServer, 0, null, null);
    }
  }

  /**
   * One round as the coordinator saw it.
   *
   * @param epoch         0 for the cold start of federated averaging; else the epoch or scoring round
   * @param estimates     each server's reply, in server order
   * @param combined      what the coordinator made of them (the weighted average, the exact fit, or the point
   *                      the statistics were evaluated at)
   * @param maxAbsChange  largest absolute change of a coefficient since the previous round (NaN for a first round)
   * @param millis        round time
   * @param deviance      the pooled objective at {@code combined}, for the scoring models; else NaN
   * @param id            the round's number in the run, as sent to the servers
   * @param participants  the addresses of the servers whose replies were used, in the order of {@code estimates}
   * @param absent        "address: reason" for each server asked that did not take part
   * @param attempts      how many times the round was asked: a secure round is asked again without a failed server
   * @param startedAtMs   when the round was sent out (epoch milliseconds)
   */
  public record Round(int epoch, List<LocalEstimate> estimates, double[] combined, double maxAbsChange, double millis,
                      double deviance, long id, List<String> participants, List<String> absent, int attempts,
                      long startedAtMs) {
    public Round {
      participants = List.copyOf(participants);
      absent = List.copyOf(absent);
    }
  }

  public Model model() {
    return fit.model();
  }

  /** Intercept then features (then any extra parameters). */
  public double[] coefficients() {
    return fit.coefficients();
  }

  public long n() {
    return fit.n();
  }

  public int rounds() {
    return fit.rounds();
  }

  public boolean converged() {
    return fit.converged();
  }

  /** The coefficient table of an exact model; null for federated averaging. */
  public Inference inference() {
    return fit.details().inference();
  }

  /** The pooled least-squares figures of {@code ols}; else null. */
  public LeastSquares.OlsFit ols() {
    return fit.details().ols();
  }

  /** For federated averaging, the largest absolute difference from the exact pooled fit; else NaN. */
  public double maxAbsDiffFromPooled() {
    return fit.details().maxAbsDiffFromPooled();
  }

  /**
   * The fit's log-likelihood with AIC and BIC; null for a model without a likelihood, and for a fit with row weights
   * (whose likelihood depends on how the weights are scaled).
   */
  public Likelihood likelihood() {
    boolean weighted = run.design() != null && run.design().spec().weights() != null;
    return weighted ? null : Likelihood.of(fit);
  }

  public List<StageSummary> stages() {
    return fit.details().stages();
  }

  public List<ServerInfo> servers() {
    return run.servers();
  }

  public List<Round> history() {
    return run.history();
  }

  public double coordinatorMs() {
    return run.coordinatorMs();
  }

  /** The {@code --json} result line. */
  public JsonObject toJson() {
    return ResultJson.of(this);
  }
}
