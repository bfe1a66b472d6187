package org.openlgd.model;

import java.util.ArrayList;
import java.util.List;
import org.openlgd.stats.BetaRegression.Boundary;
import org.openlgd.stats.Inference;
import org.openlgd.stats.ScoringIteration;
import org.openlgd.stats.Validation;

/**
 * The two-stage LGD model: P(cure) = P(LGD = 0) and P(total loss | no cure) by federated logistic regressions, and
 * the severity of the rows with 0 &lt; LGD &lt; 1 by beta regression; predicted LGD = (1 - p0)(p1 + (1 - p1) mu). The
 * coordinator fits the three stages in turn, each by its own scoring protocol; servers answer the stages, not
 * two-stage itself. Parameters are named by stage: {@code cure.*}, {@code totalLoss.*}, {@code severity.*}.
 */
public final class TwoStage implements Family {
  static final TwoStage FAMILY = new TwoStage();
  private static final List<String> PREFIXES = List.of("cure", "totalLoss", "severity");

  private TwoStage() {
  }

  @Override
  public Traits traits() {
    return new Traits(ReplyContent.SCORE, true, true);
  }

  @Override
  public List<Model> stages() {
    return List.of(Model.CURE_LOGIT, Model.TOTAL_LOSS_LOGIT, Model.BETA);
  }

  @Override
  public List<String> parameterNames(Model model, List<String> features) {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < stages().size(); s++) {
      for (String name : stages().get(s).parameterNames(features)) {
        out.add(PREFIXES.get(s) + "." + name);
      }
    }
    return out;
  }

  @Override
  public LocalEstimate start(LocalModel site, Model model, Boundary boundary) {
    throw refused();
  }

  @Override
  public LocalEstimate update(LocalModel site, Model model, double[] parameters, int epoch, Boundary boundary) {
    throw refused();
  }

  /** Why a server does not fit two-stage itself. */
  static IllegalArgumentException refused() {
    return new IllegalArgumentException("two-stage is fitted by the coordinator as three models in turn: ask for "
        + "cure-logit, total-loss-logit or beta");
  }

  /** Predicted LGD (1 - p0)(p1 + (1 - p1) mu) from the three stages' parameters, in order. */
  @Override
  public Validation.Sums validate(LocalModel site, Model model, double[] theta, Boundary boundary) {
    int k = site.data().featureCount() + 1;
    return Validation.sums(site.data(), i -> {
      double p0 = logistic(site.linearPredictor(theta, 0, i));
      double p1 = logistic(site.linearPredictor(theta, k, i));
      double mu = logistic(site.linearPredictor(theta, 2 * k, i));
      return (1 - p0) * (p1 + (1 - p1) * mu);
    }, i -> true);
  }

  private static double logistic(double eta) {
    return 1 / (1 + Math.exp(-eta));
  }

  @Override
  public Protocol protocol(Model model, FitSettings settings, List<String> features) {
    return new Protocol() {
      private final List<Scoring.Rounds> done = new ArrayList<>();
      private Scoring.Rounds current;

      @Override
      public RoundRequest next() {
        while (done.size() < stages().size()) {
          if (current == null) {
            Model stage = stages().get(done.size());
            current = new Scoring.Rounds(stage, stage == Model.BETA ? Boundary.EXCLUDE : settings.boundary(), settings,
                features.size());
          }
          RoundRequest r = current.next();
          if (r != null) {
            return r;
          }
          done.add(current);
          current = null;
        }
        return null;
      }

      @Override
      public RoundSummary accept(Replies replies, Aggregator aggregator) {
        return current.accept(replies, aggregator);
      }

      @Override
      public Fit result() {
        List<ScoringIteration.Fit> fits = done.stream().map(Scoring.Rounds::fitted).toList();
        Inference inference = Inference.concat(fits.stream().map(ScoringIteration.Fit::inference).toList());
        return new Fit(model, inference.estimates(), fits.get(0).statistics().n(),
            fits.stream().mapToInt(ScoringIteration.Fit::rounds).sum(),
            fits.stream().allMatch(ScoringIteration.Fit::converged),
            new Fit.Details(inference, null, Double.NaN, done.stream().map(Scoring.Rounds::summary).toList(), Double.NaN),
            settings.intercept());
      }
    };
  }
}
