package org.openlgd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.data.Dataset;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;
import org.openlgd.stats.EstimationException;
import org.openlgd.stats.Tobit;
import org.openlgd.stats.Validation;

@DisplayName("The scoring family's server side: predictions validated per model, fractions checked, no intercept")
class ScoringFamilyTest {
  private static final double[] Y = {0, 0.2, 0.5, 1, 0.7, 0.05, 1, 0.33};
  private static final double[] X = {0.1, 0.5, 0.9, 1.4, 1.1, 0.3, 1.2, 0.6};

  private static LocalModel site(double[] y) {
    double[][] rows = new double[X.length][];
    for (int i = 0; i < X.length; i++) {
      rows[i] = new double[] {X[i]};
    }
    return new LocalModel(Dataset.ofRows("LGD", List.of("ltv"), rows, y), 1, 0.1);
  }

  @Test
  @DisplayName("validation predicts the logistic mean (fractional logit; beta on 0 < LGD < 1 with exclude, on all rows "
      + "with refuse) and the censored mean for Tobit")
  void predictions() {
    LocalModel s = site(Y);
    double[] theta = {-1, 1.5};
    double logistic = 0;
    double inside = 0;
    int insideN = 0;
    for (int i = 0; i < X.length; i++) {
      double p = 1 / (1 + Math.exp(-(-1 + 1.5 * X[i])));
      logistic += p;
      if (Y[i] > 0 && Y[i] < 1) {
        inside += p;
        insideN++;
      }
    }
    Validation.Sums f = s.validate(Model.FRACTIONAL_LOGIT, theta, BetaRegression.Boundary.EXCLUDE);
    assertThat(f.n()).isEqualTo(8);
    assertThat(f.sumP()).isCloseTo(logistic, offset(1e-12));
    Validation.Sums excluded = s.validate(Model.BETA, new double[] {-1, 1.5, 2}, BetaRegression.Boundary.EXCLUDE);
    assertThat(excluded.n()).isEqualTo(insideN);
    assertThat(excluded.sumP()).isCloseTo(inside, offset(1e-12));
    assertThat(s.validate(Model.BETA, new double[] {-1, 1.5, 2}, BetaRegression.Boundary.REFUSE).n()).isEqualTo(8);
    double sigma = Math.exp(-0.7);
    double censored = 0;
    for (double x : X) {
      censored += Tobit.censoredMean(0.1 + 0.4 * x, sigma);
    }
    Validation.Sums t = s.validate(Model.TOBIT, new double[] {0.1, 0.4, -0.7}, BetaRegression.Boundary.EXCLUDE);
    assertThat(t.sumP()).isCloseTo(censored, offset(1e-12));
    assertThat(t.sumY()).isCloseTo(Arrays.stream(Y).sum(), offset(1e-12));
  }

  @Test
  @DisplayName("a fractional logit refuses an LGD outside [0, 1] at a start; the statistics are named by model and entry")
  void fractionsAndNames() {
    double[] bad = Y.clone();
    bad[3] = 1.2;
    LocalModel s = site(bad);
    assertThatThrownBy(() -> s.start(Model.FRACTIONAL_LOGIT, BetaRegression.Boundary.EXCLUDE))
        .isInstanceOf(EstimationException.class);
    LocalEstimate e = site(Y).start(Model.FRACTIONAL_LOGIT, BetaRegression.Boundary.EXCLUDE);
    assertThat(e.n()).isEqualTo(8);
    assertThat(Model.FRACTIONAL_LOGIT.family().statisticName(e, 0)).isEqualTo("fractional-logit n");
    assertThat(Model.FRACTIONAL_LOGIT.family().statisticName(e, 1)).isEqualTo("fractional-logit gradient[0]");
  }

  @Test
  @DisplayName("a fit without an intercept posts 0 in its place, reports it as 0 with unknown variance, and equals the "
      + "same fit by hand on the slope alone")
  void withoutIntercept() {
    Random r = new Random(9);
    double[][] rows = new double[300][1];
    double[] y = new double[300];
    for (int i = 0; i < y.length; i++) {
      rows[i][0] = r.nextDouble() * 2 - 1;
      y[i] = 1 / (1 + Math.exp(-1.3 * rows[i][0])) > r.nextDouble() ? 1 : 0;
    }
    List<LocalModel> sites = List.of(new LocalModel(Dataset.ofRows("LGD", List.of("x"), rows, y), 1, 0.1));
    FitSettings settings = new FitSettings(25, 1e-10, Covariance.MODEL, BetaRegression.Boundary.EXCLUDE).withoutIntercept();
    Fit fit = Driver.drive(Model.FRACTIONAL_LOGIT.protocol(settings, List.of("x")), sites, 1);
    assertThat(fit.converged()).isTrue();
    assertThat(fit.coefficients()[0]).isZero();
    assertThat(fit.intercept()).isFalse();
    assertThat(fit.reported("intercept")).isFalse();
    assertThat(fit.reported("x")).isTrue();
    assertThat(fit.details().inference().standardErrors()[0]).isNaN();
    // the score equation of the slope alone: sum (y - mu) x = 0 at the estimate
    double b = fit.coefficients()[1];
    double score = 0;
    for (int i = 0; i < y.length; i++) {
      score += (y[i] - 1 / (1 + Math.exp(-b * rows[i][0]))) * rows[i][0];
    }
    assertThat(score).isCloseTo(0, offset(1e-8));
    assertThat(fit.details().stages().get(0).converged()).isTrue();
  }
}
