package org.openlgd.model;

import org.openlgd.data.Dataset;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.FractionalLogit;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.LinearSgd;
import org.openlgd.stats.ScoreStatistics;
import org.openlgd.stats.Validation;

/**
 * A site's estimators over its own rows: the computations behind a model server's {@code /start} and
 * {@code /update}. Stateless between calls (everything a round needs comes with the request), so a restarted
 * server can rejoin a run. Plain Java: no I/O, no Vert.x.
 */
public final class LocalModel {
  private final Dataset data;
  private final long seed;
  private final double eta0;
  private volatile boolean fractionsChecked;

  public LocalModel(Dataset data, long seed, double eta0) {
    if (data.rows() == 0) {
      throw new IllegalArgumentException(data.source() + " has no rows");
    }
    this.data = data;
    this.seed = seed;
    this.eta0 = eta0;
  }

  public Dataset data() {
    return data;
  }

  /**
   * Cold start: for SGD one pass from zero (epoch 0); for OLS the local fit and R factor; for the iterative models
   * the score statistics at their starting values. {@code boundary} says what beta regression does with 0s and 1s.
   */
  public LocalEstimate start(Model model, BetaRegression.Boundary boundary) {
    return switch (model) {
      case SGD -> new LocalEstimate(model, data.rows(), 0, LinearSgd.pass(data, null, 0, eta0, seed), null);
      case OLS -> ols();
      case FRACTIONAL_LOGIT, BETA, CURE_LOGIT, TOTAL_LOSS_LOGIT ->
          score(model, IterativeFit.start(model, data.featureCount()).beta(), 0, boundary);
      case TWO_STAGE -> throw compositeRefused();
    };
  }

  /**
   * Warm start from posted parameters (intercept first): for SGD one more pass continuing the learning-rate
   * schedule at {@code epoch}; for OLS the posted values are not needed and the answer is the same as at start.
   */
  public LocalEstimate update(Model model, double[] parameters, int epoch, BetaRegression.Boundary boundary) {
    return switch (model) {
      case SGD -> new LocalEstimate(model, data.rows(), epoch, LinearSgd.pass(data, parameters, epoch, eta0, seed), null);
      case OLS -> ols();
      case FRACTIONAL_LOGIT, BETA, CURE_LOGIT, TOTAL_LOSS_LOGIT -> score(model, parameters, epoch, boundary);
      case TWO_STAGE -> throw compositeRefused();
    };
  }

  private static IllegalArgumentException compositeRefused() {
    return new IllegalArgumentException("two-stage is fitted by the coordinator as three models in turn: ask for "
        + "cure-logit, total-loss-logit or beta");
  }

  private LocalEstimate score(Model model, double[] theta, int round, BetaRegression.Boundary boundary) {
    if (model == Model.FRACTIONAL_LOGIT && !fractionsChecked) {
      FractionalLogit.checkFractions(data);
      fractionsChecked = true;
    }
    ScoreStatistics s = IterativeFit.statistics(model, data, theta, boundary);
    return new LocalEstimate(model, s.n(), round, theta.clone(), null, s, Double.NaN);
  }

  /**
   * Validation sums of the model with parameters {@code theta} on this site's rows (for beta regression with
   * {@code exclude}, the rows with 0 &lt; y &lt; 1).
   */
  public Validation.Sums validate(Model model, double[] theta, BetaRegression.Boundary boundary) {
    int p = data.featureCount();
    if (theta.length != p + 1 + model.extraParameters(data.features()).size()) {
      throw new IllegalArgumentException("expected " + (p + 1 + model.extraParameters(data.features()).size()) + " parameters, got " + theta.length);
    }
    boolean logistic = model != Model.SGD && model != Model.OLS;
    java.util.function.IntToDoubleFunction predict = i -> {
      if (model == Model.TWO_STAGE) {
        double[] x = new double[p];
        for (int j = 0; j < p; j++) {
          x[j] = data.x(j, i);
        }
        return IterativeFit.twoStagePrediction(theta, x);
      }
      double eta = theta[0];
      for (int j = 0; j < p; j++) {
        eta += theta[j + 1] * data.x(j, i);
      }
      return logistic ? 1 / (1 + Math.exp(-eta)) : eta;
    };
    java.util.function.IntPredicate include = model == Model.BETA && boundary == BetaRegression.Boundary.EXCLUDE
        ? i -> data.y(i) > 0 && data.y(i) < 1
        : i -> true;
    return Validation.sums(data, predict, include);
  }

  private LocalEstimate ols() {
    double[][] r = LeastSquares.localR(data);
    double[] beta;
    try {
      beta = LeastSquares.solve(r, data.rows()).coefficients();
    } catch (LeastSquares.SingularMatrixException e) {
      beta = null;
    }
    return new LocalEstimate(Model.OLS, data.rows(), 0, beta, r);
  }
}
