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
  FRACTIONAL_LOGIT("fractional-logit", true);

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
    return this == FRACTIONAL_LOGIT;
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
