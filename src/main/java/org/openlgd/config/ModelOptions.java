package org.openlgd.config;

import org.openlgd.model.FitSettings;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;
import picocli.CommandLine.Option;

/** Which model to fit, and how. */
public final class ModelOptions {
  public static final int DEFAULT_EPOCHS = 10;
  public static final double DEFAULT_TOLERANCE = 1e-3;

  @Option(names = "--model", paramLabel = "M", defaultValue = "sgd",
      description = "sgd (federated averaging of SGD passes, the original openLGD), ols (exact least squares), "
          + "fractional-logit, beta, two-stage (exact, iterative); cure-logit and total-loss-logit, the logistic "
          + "stages of two-stage, also on their own")
  Model model;
  @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + DEFAULT_EPOCHS,
      description = "sgd epochs after the cold start (exact models stop by their own rule)")
  int epochs;
  @Option(names = "--tol", paramLabel = "X", defaultValue = "" + DEFAULT_TOLERANCE,
      description = "sgd is reported converged when the last epoch changed no coefficient b by more than tol * max(1, |b|)")
  double tolerance;
  @Option(names = "--se", paramLabel = "robust|model",
      description = "standard errors of the iterative models: robust (sandwich; HC0 for the fractional logit) or model "
          + "(quasi-binomial for the fractional logit, inverse information otherwise); default robust for "
          + "fractional-logit, model for the others")
  Covariance se;
  @Option(names = "--boundary", paramLabel = "refuse|exclude", defaultValue = "refuse",
      description = "what beta does with LGD of exactly 0 or 1: refuse (an error naming the row) or exclude (fit the "
          + "rows with 0 < LGD < 1 only)")
  BetaRegression.Boundary boundary;

  public Model model() {
    return model;
  }

  public FitSettings fit(String context) {
    Check.range(context, "epochs", epochs, 0, 1_000_000);
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException(context + ": --tol must be positive");
    }
    return new FitSettings(epochs, tolerance, se, boundary);
  }
}
