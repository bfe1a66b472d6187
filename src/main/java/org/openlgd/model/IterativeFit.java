package org.openlgd.model;

import java.util.List;
import org.openlgd.data.Dataset;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Cholesky;
import org.openlgd.stats.Covariance;
import org.openlgd.stats.FractionalLogit;
import org.openlgd.stats.ScoreStatistics;
import org.openlgd.stats.ScoringIteration;
import org.openlgd.stats.Tobit;

/**
 * The statistics of each scoring model ({@link Scoring}) behind one interface: start, site statistics, finish,
 * summary; and the whole fit over several sites in one place (a reference for tests).
 */
public final class IterativeFit {
  private IterativeFit() {
  }

  /**
   * The parameters servers take for the iteration's point {@code iterate}: the same, except for Tobit, whose rounds
   * run in Olsen's parametrization and whose servers take (b, log sigma).
   */
  public static double[] posted(Model model, double[] iterate) {
    return model == Model.TOBIT ? Tobit.natural(iterate) : iterate;
  }

  /** A new iteration for {@code model} with {@code features} features. */
  public static ScoringIteration start(Model model, int features) {
    return switch (model) {
      case FRACTIONAL_LOGIT, CURE_LOGIT, TOTAL_LOSS_LOGIT -> FractionalLogit.iteration(features);
      case BETA -> BetaRegression.iteration(features);
      case TOBIT -> Tobit.iteration(features);
      default -> throw new IllegalArgumentException(model + " is not an iterative model");
    };
  }

  /** One site's statistics at {@code theta}. */
  public static ScoreStatistics statistics(Model model, Dataset data, double[] theta, BetaRegression.Boundary boundary) {
    return switch (model) {
      case FRACTIONAL_LOGIT -> FractionalLogit.statistics(data, theta);
      case BETA -> BetaRegression.statistics(data, theta, boundary);
      case TOBIT -> Tobit.statistics(data, theta);
      case CURE_LOGIT, TOTAL_LOSS_LOGIT -> FractionalLogit.statistics(stageData(model, data), theta);
      default -> throw new IllegalArgumentException(model + " is not an iterative model");
    };
  }

  /** The finished fit, with standard errors of kind {@code se} (null: the model's default). */
  public static ScoringIteration.Fit finish(Model model, ScoringIteration it, Covariance se) {
    Covariance type = se == null ? model.defaultCovariance() : se;
    return switch (model) {
      case FRACTIONAL_LOGIT -> FractionalLogit.fit(it, type);
      case BETA -> BetaRegression.fit(it, type == Covariance.ROBUST);
      case TOBIT -> Tobit.fit(it, type == Covariance.ROBUST);
      case CURE_LOGIT, TOTAL_LOSS_LOGIT -> new ScoringIteration.Fit(it.estimate(),
          type == Covariance.ROBUST ? ScoringIteration.sandwich(it.statistics()) : Cholesky.inverse(it.statistics().information()),
          it.statistics(), it.rounds(), it.converged(), it.objectives(),
          type == Covariance.ROBUST ? "robust (sandwich)" : "model (inverse information)");
      default -> throw new IllegalArgumentException(model + " is not an iterative model");
    };
  }

  /**
   * The rows and target a logistic stage is fitted on: all rows with target 1{LGD = 0} for the cure stage; the rows
   * with LGD &gt; 0 with target 1{LGD = 1} for the total-loss stage. LGD must lie in [0, 1].
   */
  public static Dataset stageData(Model model, Dataset data) {
    FractionalLogit.checkFractions(data);
    if (model == Model.CURE_LOGIT) {
      double[] t = new double[data.rows()];
      for (int i = 0; i < t.length; i++) {
        t[i] = data.y(i) == 0 ? 1 : 0;
      }
      return data.withTarget("cure", t);
    }
    Dataset uncured = data.filter(i -> data.y(i) > 0);
    double[] t = new double[uncured.rows()];
    for (int i = 0; i < t.length; i++) {
      t[i] = uncured.y(i) == 1 ? 1 : 0;
    }
    return uncured.withTarget("total_loss", t);
  }

  /** The summary of a finished iteration of {@code model}. */
  public static StageSummary summary(Model model, ScoringIteration it) {
    double deviance = it.statistics().deviance();
    if (model == Model.BETA || model == Model.TOBIT) {
      return new StageSummary(model, it.statistics().n(), it.rounds(), it.converged(), deviance, Double.NaN,
          model == Model.BETA ? BetaRegression.pseudoRSquared(it.statistics()) : Double.NaN);
    }
    double nullDeviance = FractionalLogit.nullDeviance(it.first());
    return new StageSummary(model, it.statistics().n(), it.rounds(), it.converged(), deviance, nullDeviance,
        nullDeviance > 0 ? 1 - deviance / nullDeviance : Double.NaN);
  }

  /** The whole fit over several sites' rows in one place (standalone reference, tests). */
  public static ScoringIteration.Fit fit(Model model, List<Dataset> sites, Covariance se, BetaRegression.Boundary boundary) {
    if (model == Model.FRACTIONAL_LOGIT) {
      sites.forEach(FractionalLogit::checkFractions);
    }
    ScoringIteration it = start(model, sites.get(0).featureCount());
    boolean done = false;
    while (!done) {
      double[] theta = posted(model, it.beta());
      done = it.accept(ScoreStatistics.sum(sites.stream().map(d -> statistics(model, d, theta, boundary)).toList()));
    }
    return finish(model, it, se);
  }
}
