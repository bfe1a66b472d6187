package org.openlgd.model;

import java.util.List;
import org.openlgd.data.Dataset;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;
import org.openlgd.stats.FractionalLogit;
import org.openlgd.stats.ScoreStatistics;
import org.openlgd.stats.ScoringIteration;

/** The iterative exact models ({@link Model#iterative()}) behind one interface: start, site statistics, finish. */
public final class IterativeFit {
  private IterativeFit() {
  }

  /** A new iteration for {@code model} with {@code features} features. */
  public static ScoringIteration start(Model model, int features) {
    return switch (model) {
      case FRACTIONAL_LOGIT -> FractionalLogit.iteration(features);
      case BETA -> BetaRegression.iteration(features);
      default -> throw new IllegalArgumentException(model + " is not an iterative model");
    };
  }

  /** One site's statistics at {@code theta}. */
  public static ScoreStatistics statistics(Model model, Dataset data, double[] theta, BetaRegression.Boundary boundary) {
    return switch (model) {
      case FRACTIONAL_LOGIT -> FractionalLogit.statistics(data, theta);
      case BETA -> BetaRegression.statistics(data, theta, boundary);
      default -> throw new IllegalArgumentException(model + " is not an iterative model");
    };
  }

  /** The finished fit, with standard errors of kind {@code se} (null: the model's default). */
  public static ScoringIteration.Fit finish(Model model, ScoringIteration it, Covariance se) {
    Covariance type = se == null ? model.defaultCovariance() : se;
    return switch (model) {
      case FRACTIONAL_LOGIT -> FractionalLogit.fit(it, type);
      case BETA -> BetaRegression.fit(it, type == Covariance.ROBUST);
      default -> throw new IllegalArgumentException(model + " is not an iterative model");
    };
  }

  /** The whole fit over several sites' rows in one place (standalone reference, tests). */
  public static ScoringIteration.Fit fit(Model model, List<Dataset> sites, Covariance se, BetaRegression.Boundary boundary) {
    if (model == Model.FRACTIONAL_LOGIT) {
      sites.forEach(FractionalLogit::checkFractions);
    }
    ScoringIteration it = start(model, sites.get(0).featureCount());
    boolean done = false;
    while (!done) {
      double[] theta = it.beta();
      done = it.accept(ScoreStatistics.sum(sites.stream().map(d -> statistics(model, d, theta, boundary)).toList()));
    }
    return finish(model, it, se);
  }
}
