package org.openlgd.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The estimators a model server offers and a coordinator can run. */
public enum Model {
  /** Linear regression by federated averaging of one SGD pass per epoch (the original openLGD behaviour). */
  SGD("sgd", false),
  /** Exact linear least squares: sites share R factors, the coordinator solves the pooled problem. */
  OLS("ols", true),
  /**
   * Fractional logit (binomial quasi-likelihood, logit link, y in [0, 1]): exact federated Newton rounds on summed
   * score statistics until the deviance settles.
   */
  FRACTIONAL_LOGIT("fractional-logit", true),
  /**
   * Beta regression (logit mean, constant precision, 0 &lt; y &lt; 1): exact federated Fisher scoring on summed score
   * statistics; one more parameter, the log precision.
   */
  BETA("beta", true);

  private final String wireName;
  private final boolean exact;

  Model(String wireName, boolean exact) {
    this.wireName = wireName;
    this.exact = exact;
  }

  /** The name used on the command line and in JSON. */
  public String wireName() {
    return wireName;
  }

  /** True when the federated answer equals the pooled one (sites share sufficient or score statistics). */
  public boolean exact() {
    return exact;
  }

  /** True for exact models that need several rounds (Newton steps) rather than one. */
  public boolean iterative() {
    return this == FRACTIONAL_LOGIT || this == BETA;
  }

  /** Parameters after the intercept and the features' coefficients (beta regression's log precision). */
  public java.util.List<String> extraParameters() {
    return this == BETA ? java.util.List.of(org.openlgd.stats.BetaRegression.PRECISION) : java.util.List.of();
  }

  /** Names of all parameters in order: intercept, the features, then {@link #extraParameters()}. */
  public java.util.List<String> parameterNames(java.util.List<String> features) {
    java.util.List<String> out = new java.util.ArrayList<>();
    out.add("intercept");
    out.addAll(features);
    out.addAll(extraParameters());
    return out;
  }

  /** The covariance used when none is asked for: robust for the fractional logit, the model's otherwise. */
  public org.openlgd.stats.Covariance defaultCovariance() {
    return this == FRACTIONAL_LOGIT ? org.openlgd.stats.Covariance.ROBUST : org.openlgd.stats.Covariance.MODEL;
  }

  public static Model parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Model m : values()) {
      if (m.wireName.equals(n)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown model '" + name + "'; choose one of " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(Model::wireName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
