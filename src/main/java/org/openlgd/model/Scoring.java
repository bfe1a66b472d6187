package org.openlgd.model;

import java.util.Arrays;
import java.util.List;
import org.openlgd.stats.BetaRegression.Boundary;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.ScoreStatistics;
import org.openlgd.stats.ScoringIteration;
import org.openlgd.stats.Tobit;
import org.openlgd.stats.Validation;
import org.openlgd.stats.WeightedAverage;

/**
 * The exact iterative models (fractional logit, beta regression, Tobit, the logistic stages of two-stage): a server answers
 * with its additive score statistics at the posted parameters (see {@link IterativeFit} for each model's); the
 * coordinator adds them up and takes a Newton or Fisher-scoring step ({@link ScoringIteration}) until the objective
 * settles. Every server must answer every round. Predictions are logistic(x'b).
 */
public final class Scoring implements Family {
  static final Scoring FAMILY = new Scoring();

  private Scoring() {
  }

  @Override
  public Traits traits() {
    return new Traits(ReplyContent.SCORE, true, true);
  }

  /** Beta regression has one more parameter, its log precision; Tobit its log sigma. */
  @Override
  public List<String> parameterNames(Model model, List<String> features) {
    List<String> out = Family.super.parameterNames(model, features);
    if (model == Model.BETA) {
      out.add(BetaRegression.PRECISION);
    } else if (model == Model.TOBIT) {
      out.add(Tobit.SIGMA);
    }
    return out;
  }

  @Override
  public LocalEstimate start(LocalModel site, Model model, Boundary boundary) {
    return update(site, model, IterativeFit.posted(model, IterativeFit.start(model, site.data().featureCount()).beta()),
        0, boundary);
  }

  @Override
  public LocalEstimate update(LocalModel site, Model model, double[] parameters, int epoch, Boundary boundary) {
    if (model == Model.FRACTIONAL_LOGIT) {
      site.checkFractions();
    }
    ScoreStatistics s = IterativeFit.statistics(model, site.data(), parameters, boundary);
    return new LocalEstimate(model, s.n(), epoch, parameters.clone(), null, s, Double.NaN);
  }

  /**
   * Logistic predictions; for beta regression with {@code exclude}, on the rows with 0 &lt; LGD &lt; 1 only; for
   * Tobit the censored mean E[min(max(y*, 0), 1)].
   */
  @Override
  public Validation.Sums validate(LocalModel site, Model model, double[] theta, Boundary boundary) {
    if (model == Model.TOBIT) {
      double sigma = Math.exp(theta[theta.length - 1]);
      return Validation.sums(site.data(), i -> Tobit.censoredMean(site.linearPredictor(theta, 0, i), sigma), i -> true);
    }
    boolean inside = model == Model.BETA && boundary == Boundary.EXCLUDE;
    return Validation.sums(site.data(), i -> 1 / (1 + Math.exp(-site.linearPredictor(theta, 0, i))),
        i -> !inside || (site.data().y(i) > 0 && site.data().y(i) < 1));
  }

  /** The score statistics as one vector (a Pearson chi-squared that the model does not have counts as 0). */
  @Override
  public double[] statistic(LocalEstimate e) {
    return e.score().toVector();
  }

  @Override
  public String statisticName(LocalEstimate e, int index) {
    return e.model() + " " + ScoreStatistics.vectorName(e.score().gradient().length, index);
  }

  @Override
  public Protocol protocol(Model model, FitSettings settings, List<String> features) {
    return new Rounds(model, settings.boundary(), settings, features.size());
  }

  /**
   * Scoring rounds of one model until its stopping rule. Without an intercept the servers still compute at an
   * intercept of 0 (their statistics have its entries); the iteration runs on the other parameters, the statistics
   * without the intercept's row and column, and the fit reports the intercept as 0 with no standard error.
   */
  static final class Rounds implements Protocol {
    private final Model model;
    private final Boundary boundary;
    private final FitSettings settings;
    private final ScoringIteration it;
    private final int k;
    private double[] asked;
    private double[] previous;
    private boolean done;

    Rounds(Model model, Boundary boundary, FitSettings settings, int features) {
      this.model = model;
      this.boundary = boundary;
      this.settings = settings;
      ScoringIteration full = IterativeFit.start(model, features);
      this.k = full.beta().length;
      this.it = settings.intercept() ? full : new ScoringIteration(Arrays.copyOfRange(full.beta(), 1, k),
          full.maxRounds(), full.tolerance());
    }

    /** The parameters as the servers take them: the intercept (0 without one) first, in the model's own terms. */
    private double[] posted(double[] beta) {
      if (settings.intercept()) {
        return IterativeFit.posted(model, beta);
      }
      double[] out = new double[beta.length + 1];
      System.arraycopy(beta, 0, out, 1, beta.length);
      return IterativeFit.posted(model, out);
    }

    @Override
    public RoundRequest next() {
      if (done) {
        return null;
      }
      int round = it.rounds() + 1;
      asked = posted(it.beta());
      return new RoundRequest(model + " round " + round, model, round, round == 1 ? null : asked, boundary);
    }

    @Override
    public RoundSummary accept(Replies replies, Aggregator aggregator) {
      ScoreStatistics total = ScoreStatistics.fromVector(aggregator.sum(replies.estimates(), LocalEstimate::statistic), k);
      int round = it.rounds() + 1;
      double change = round == 1 ? Double.NaN : WeightedAverage.maxAbsDiff(previous, asked);
      previous = asked;
      done = it.accept(settings.intercept() ? total : total.withoutFirst());
      return new RoundSummary(round, asked, change, total.deviance());
    }

    /** The finished iteration's fit, standard errors as asked; without an intercept, its place holds 0. */
    ScoringIteration.Fit fitted() {
      ScoringIteration.Fit fit = IterativeFit.finish(model, it, settings.se());
      return settings.intercept() ? fit : fit.withZeroFirst();
    }

    StageSummary summary() {
      StageSummary s = IterativeFit.summary(model, it);
      return settings.intercept() || model == Model.BETA ? s
          : new StageSummary(s.model(), s.n(), s.rounds(), s.converged(), s.deviance(), Double.NaN, Double.NaN);
    }

    @Override
    public Fit result() {
      ScoringIteration.Fit fit = fitted();
      return new Fit(model, fit.coefficients(), fit.statistics().n(), fit.rounds(), fit.converged(),
          Fit.Details.scoring(fit.inference(), fit.statistics().deviance(), List.of(summary())), settings.intercept());
    }
  }
}
