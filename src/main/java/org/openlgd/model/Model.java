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
  BETA("beta", true),
  /** Logistic regression of the cure indicator 1{LGD = 0} on all rows: the first stage of {@link #TWO_STAGE}. */
  CURE_LOGIT("cure-logit", true),
  /** Logistic regression of 1{LGD = 1} on the rows with LGD &gt; 0: the second stage of {@link #TWO_STAGE}. */
  TOTAL_LOSS_LOGIT("total-loss-logit", true),
  /**
   * Two-stage LGD: P(cure) and P(total loss | no cure) by federated logistic regressions, the severity of the rows
   * with 0 &lt; LGD &lt; 1 by beta regression; predicted LGD = (1 - p0) (p1 + (1 - p1) mu). Run by the coordinator as
   * the three fits in turn.
   */
  TWO_STAGE("two-stage", true);

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
    return this == FRACTIONAL_LOGIT || this == BETA || this == CURE_LOGIT || this == TOTAL_LOSS_LOGIT;
  }

  /** True for a model fitted as several other models in turn ({@link #TWO_STAGE}). */
  public boolean composite() {
    return this == TWO_STAGE;
  }

  /** What a server's reply to a start or an update carries for this model. */
  public ReplyContent reply() {
    return this == OLS ? ReplyContent.R_FACTOR : iterative() ? ReplyContent.SCORE : ReplyContent.COEFFICIENTS;
  }

  /** True for models whose LGD must lie in [0, 1]: all but {@code sgd} and {@code ols}. */
  public boolean lgdAsFraction() {
    return iterative() || composite();
  }

  /** Throws for a model that servers do not fit rounds of: two-stage is fitted by the coordinator as its stages. */
  public void checkServable() {
    if (composite()) {
      throw new IllegalArgumentException("two-stage is fitted by the coordinator as three models in turn: ask for "
          + "cure-logit, total-loss-logit or beta");
    }
  }

  /** The stages of a composite model, with the names that prefix their parameters. */
  public static final java.util.List<Model> STAGES = java.util.List.of(CURE_LOGIT, TOTAL_LOSS_LOGIT, BETA);
  public static final java.util.List<String> STAGE_NAMES = java.util.List.of("cure", "totalLoss", "severity");

  /**
   * Parameters after the intercept and the features' coefficients: beta regression's log precision; for the
   * two-stage model, every parameter after the first stage's, by prefixed name.
   */
  public java.util.List<String> extraParameters(java.util.List<String> features) {
    if (this == BETA) {
      return java.util.List.of(org.openlgd.stats.BetaRegression.PRECISION);
    }
    if (this == TWO_STAGE) {
      java.util.List<String> all = parameterNames(features);
      return all.subList(features.size() + 1, all.size());
    }
    return java.util.List.of();
  }

  /** Names of all parameters in order: intercept, the features, then the extra ones; prefixed by stage if composite. */
  public java.util.List<String> parameterNames(java.util.List<String> features) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (this == TWO_STAGE) {
      for (int s = 0; s < STAGES.size(); s++) {
        for (String name : STAGES.get(s).parameterNames(features)) {
          out.add(STAGE_NAMES.get(s) + "." + name);
        }
      }
      return out;
    }
    out.add("intercept");
    out.addAll(features);
    out.addAll(extraParameters(features));
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
