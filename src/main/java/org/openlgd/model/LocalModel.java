package org.openlgd.model;

import org.openlgd.data.Dataset;
import org.openlgd.stats.FractionalLogit;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.LinearSgd;

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
   * Cold start: for SGD one pass from zero (epoch 0); for OLS the local fit and R factor; for the fractional logit
   * the score statistics at zero coefficients.
   */
  public LocalEstimate start(Model model) {
    return switch (model) {
      case SGD -> new LocalEstimate(model, data.rows(), 0, LinearSgd.pass(data, null, 0, eta0, seed), null);
      case OLS -> ols();
      case FRACTIONAL_LOGIT -> score(new double[data.featureCount() + 1], 0);
    };
  }

  /**
   * Warm start from posted parameters (intercept first): for SGD one more pass continuing the learning-rate
   * schedule at {@code epoch}; for OLS the posted values are not needed and the answer is the same as at start.
   */
  public LocalEstimate update(Model model, double[] parameters, int epoch) {
    return switch (model) {
      case SGD -> new LocalEstimate(model, data.rows(), epoch, LinearSgd.pass(data, parameters, epoch, eta0, seed), null);
      case OLS -> ols();
      case FRACTIONAL_LOGIT -> score(parameters, epoch);
    };
  }

  private LocalEstimate score(double[] beta, int round) {
    if (!fractionsChecked) {
      FractionalLogit.checkFractions(data);
      fractionsChecked = true;
    }
    return new LocalEstimate(Model.FRACTIONAL_LOGIT, data.rows(), round, beta.clone(), null,
        FractionalLogit.statistics(data, beta), Double.NaN);
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
