package org.openlgd.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openlgd.stats.Covariance;

/**
 * The models a model server offers and a coordinator can run, by name; each belongs to a {@link Family}, which does
 * the work on both sides.
 */
public enum Model {
  /** Linear regression by federated averaging of one SGD pass per epoch (the original openLGD behaviour). */
  SGD("sgd", FedAvg.FAMILY, "Federated averaging", Covariance.MODEL, false),
  /** Exact linear least squares: sites share R factors, the coordinator solves the pooled problem. */
  OLS("ols", ExactLeastSquares.FAMILY, "Pooled least squares", Covariance.MODEL, false),
  /** Fractional logit (binomial quasi-likelihood, logit link, y in [0, 1]) by exact federated Newton rounds. */
  FRACTIONAL_LOGIT("fractional-logit", Scoring.FAMILY, "Fractional logit", Covariance.ROBUST, false),
  /** Beta regression (logit mean, constant precision, 0 &lt; y &lt; 1) by exact federated Fisher scoring. */
  BETA("beta", Scoring.FAMILY, "Beta regression", Covariance.MODEL, true),
  /** Two-limit Tobit: a normal latent LGD censored at 0 and 1, by exact federated Newton rounds; log sigma last. */
  TOBIT("tobit", Scoring.FAMILY, "Two-limit Tobit (censored at 0 and 1)", Covariance.MODEL, true),
  /** Logistic regression of the cure indicator 1{LGD = 0} on all rows: the first stage of {@link #TWO_STAGE}. */
  CURE_LOGIT("cure-logit", Scoring.FAMILY, "Logistic regression (cure-logit)", Covariance.MODEL, false),
  /** Logistic regression of 1{LGD = 1} on the rows with LGD &gt; 0: the second stage of {@link #TWO_STAGE}. */
  TOTAL_LOSS_LOGIT("total-loss-logit", Scoring.FAMILY, "Logistic regression (total-loss-logit)", Covariance.MODEL, false),
  /** Two-stage LGD: the cure and total-loss logits, then beta regression of the severity, fitted in turn. */
  TWO_STAGE("two-stage", TwoStage.FAMILY, "Two-stage LGD model", Covariance.MODEL, false);

  private final String wireName;
  private final Family family;
  private final String title;
  private final Covariance defaultCovariance;
  private final boolean logLikelihood;

  /**
   * @param title             how reports name the model
   * @param defaultCovariance the standard errors when none are asked for
   * @param logLikelihood     whether its objective is reported as a log-likelihood (else as a deviance)
   */
  Model(String wireName, Family family, String title, Covariance defaultCovariance, boolean logLikelihood) {
    this.wireName = wireName;
    this.family = family;
    this.title = title;
    this.defaultCovariance = defaultCovariance;
    this.logLikelihood = logLikelihood;
  }

  /** The name used on the command line and in JSON. */
  public String wireName() {
    return wireName;
  }

  public Family family() {
    return family;
  }

  /** How reports name the model. */
  public String title() {
    return title;
  }

  /** True when the federated answer equals the pooled one; every server must then answer every round. */
  public boolean exact() {
    return family.traits().exact();
  }

  /** True for models whose LGD must lie in [0, 1]: all but {@code sgd} and {@code ols}. */
  public boolean lgdAsFraction() {
    return family.traits().lgdAsFraction();
  }

  /** What a server's reply to a start or an update carries for this model. */
  public ReplyContent reply() {
    return family.traits().reply();
  }

  /** The models fitted in turn by a composite model; empty for a model that servers fit rounds of. */
  public List<Model> stages() {
    return family.stages();
  }

  /** Throws for a model that servers do not fit rounds of: a composite one is fitted by the coordinator. */
  public void checkServable() {
    if (!stages().isEmpty()) {
      throw TwoStage.refused();
    }
  }

  /** Whether the objective is reported as a log-likelihood (beta regression, Tobit) rather than a deviance. */
  public boolean logLikelihood() {
    return logLikelihood;
  }

  /** The covariance used when none is asked for: robust for the fractional logit, the model's otherwise. */
  public Covariance defaultCovariance() {
    return defaultCovariance;
  }

  /** Names of all parameters in order: intercept, the features, then the extra ones; prefixed by stage if composite. */
  public List<String> parameterNames(List<String> features) {
    return family.parameterNames(this, features);
  }

  /** The parameters after the intercept and the features' coefficients, by name. */
  public List<String> extraParameters(List<String> features) {
    List<String> all = parameterNames(features);
    return all.subList(features.size() + 1, all.size());
  }

  /** A new protocol for one fit of this model. */
  public Protocol protocol(FitSettings settings, List<String> features) {
    return family.protocol(this, settings, features);
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
