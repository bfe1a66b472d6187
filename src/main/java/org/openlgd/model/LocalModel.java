package org.openlgd.model;

import org.openlgd.data.Dataset;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.EstimationException;
import org.openlgd.stats.FractionalLogit;
import org.openlgd.stats.Validation;

/**
 * A site's estimators over its own rows: the computations behind a model server's start, update and validate, each
 * done by the model's {@link Family}. Stateless between calls (everything a round needs comes with the request), so a
 * restarted server can rejoin a run. Plain Java: no I/O, no Vert.x.
 */
public final class LocalModel {
  private final Dataset data;
  private final long seed;
  private final double eta0;
  private volatile boolean fractionsChecked;

  /**
   * @param seed the SGD shuffling seed
   * @param eta0 the SGD initial learning rate
   */
  public LocalModel(Dataset data, long seed, double eta0) {
    if (data.rows() == 0) {
      throw new EstimationException(data.source() + " has no rows");
    }
    this.data = data;
    this.seed = seed;
    this.eta0 = eta0;
  }

  public Dataset data() {
    return data;
  }

  public long seed() {
    return seed;
  }

  public double eta0() {
    return eta0;
  }

  /** The cold start of {@code model}; {@code boundary} says what beta regression does with 0s and 1s. */
  public LocalEstimate start(Model model, BetaRegression.Boundary boundary) {
    return model.family().start(this, model, boundary);
  }

  /** The answer at posted parameters (intercept first), {@code epoch} continuing the model's schedule. */
  public LocalEstimate update(Model model, double[] parameters, int epoch, BetaRegression.Boundary boundary) {
    return model.family().update(this, model, parameters, epoch, boundary);
  }

  /** Validation sums of {@code model} with parameters {@code theta} on this site's rows. */
  public Validation.Sums validate(Model model, double[] theta, BetaRegression.Boundary boundary) {
    int expected = model.parameterNames(data.features()).size();
    if (theta.length != expected) {
      throw new IllegalArgumentException("expected " + expected + " parameters, got " + theta.length);
    }
    return model.family().validate(this, model, theta, boundary);
  }

  /** Checks once that every target lies in [0, 1]. */
  void checkFractions() {
    if (!fractionsChecked) {
      FractionalLogit.checkFractions(data);
      fractionsChecked = true;
    }
  }

  /** x_i'b for row {@code i}, with b the coefficients of {@code theta} from {@code offset} (intercept first). */
  double linearPredictor(double[] theta, int offset, int i) {
    double eta = theta[offset];
    for (int j = 0; j < data.featureCount(); j++) {
      eta += theta[offset + 1 + j] * data.x(j, i);
    }
    return eta;
  }
}
