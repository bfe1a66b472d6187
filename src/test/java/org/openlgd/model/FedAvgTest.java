package org.openlgd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.data.Dataset;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;
import org.openlgd.stats.LeastSquares;
import org.openlgd.stats.LinearSgd;
import org.openlgd.stats.Qr;

@DisplayName("sgd (federated averaging) as a protocol, driven in memory: rounds, the weighted average, the reference")
class FedAvgTest {
  private static final BetaRegression.Boundary B = BetaRegression.Boundary.EXCLUDE;

  private static Dataset site(int rows, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[rows][2];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      x[i][0] = r.nextDouble();
      x[i][1] = r.nextInt(2);
      y[i] = 0.2 + 0.5 * x[i][0] - 0.1 * x[i][1] + 0.05 * r.nextGaussian();
    }
    return Dataset.ofRows("LGD", List.of("ltv", "senior"), x, y);
  }

  @Test
  @DisplayName("each epoch averages the sites' passes weighted by rows; the result is the last average, over all "
      + "rows, with its distance from the exact pooled least squares")
  void averages() {
    List<Dataset> data = List.of(site(120, 1), site(60, 2));
    List<LocalModel> sites = data.stream().map(d -> new LocalModel(d, 7, 0.1)).toList();
    FitSettings settings = new FitSettings(3, 1e-9, Covariance.MODEL, B);
    Fit fit = Driver.drive(Model.SGD.protocol(settings, List.of("ltv", "senior")), sites, 2);
    // the same epochs by hand
    double[] avg = null;
    for (int epoch = 0; epoch <= 3; epoch++) {
      double[] a = LinearSgd.pass(data.get(0), avg, epoch, 0.1, 7);
      double[] b = LinearSgd.pass(data.get(1), avg, epoch, 0.1, 7);
      avg = new double[a.length];
      for (int j = 0; j < a.length; j++) {
        avg[j] = (120 * a[j] + 60 * b[j]) / 180;
      }
    }
    assertThat(fit.coefficients()).containsExactly(avg, offset(1e-12));
    assertThat(fit.n()).isEqualTo(180);
    assertThat(fit.rounds()).isEqualTo(3);
    assertThat(fit.model()).isEqualTo(Model.SGD);
    LeastSquares.OlsFit exact = LeastSquares.solve(Qr.combine(sites.stream()
        .map(s -> s.start(Model.OLS, B).r()).toList()), 180, true);
    double far = 0;
    for (int j = 0; j < avg.length; j++) {
      far = Math.max(far, Math.abs(avg[j] - exact.coefficients()[j]));
    }
    assertThat(fit.details().maxAbsDiffFromPooled()).isCloseTo(far, offset(1e-12)).isPositive();
    assertThat(fit.converged()).isFalse(); // three epochs do not settle to 1e-9
    assertThat(Driver.drive(Model.SGD.protocol(new FitSettings(3, 10, Covariance.MODEL, B), List.of("ltv", "senior")), sites, 2)
        .converged()).isTrue();
    assertThat(Driver.drive(Model.SGD.protocol(new FitSettings(0, 10, Covariance.MODEL, B), List.of("ltv", "senior")), sites, 2)
        .converged()).isFalse();
  }

  @Test
  @DisplayName("a quorum: the average is over the sites that answered; the exact reference is then not computed")
  void quorum() {
    List<LocalModel> sites = List.of(new LocalModel(site(50, 3), 7, 0.1), new LocalModel(site(70, 4), 7, 0.1));
    Fit fit = Driver.drive(Model.SGD.protocol(new FitSettings(2, 1e-9, Covariance.MODEL, B), List.of("ltv", "senior")), sites, 1);
    assertThat(fit.n()).isEqualTo(50);
    assertThat(fit.details().maxAbsDiffFromPooled()).isNaN();
    Fit alone = Driver.drive(Model.SGD.protocol(new FitSettings(2, 1e-9, Covariance.MODEL, B), List.of("ltv", "senior")),
        sites.subList(0, 1), 1);
    assertThat(fit.coefficients()).containsExactly(alone.coefficients());
  }

  @Test
  @DisplayName("the statistic is n b then n, named so; no intercept and an estimate without coefficients are refused")
  void statistic() {
    LocalEstimate e = new LocalEstimate(Model.SGD, 4, 1, new double[] {0.5, -1}, null);
    assertThat(e.statistic()).containsExactly(2, -4, 4);
    assertThat(Model.SGD.family().statisticName(e, 0)).isEqualTo("n * parameter 0");
    assertThat(Model.SGD.family().statisticName(e, 2)).isEqualTo("n");
    assertThatThrownBy(() -> Model.SGD.family().statistic(new LocalEstimate(Model.SGD, 4, 1, null, null)))
        .hasMessageContaining("without coefficients");
    assertThatThrownBy(() -> Model.SGD.protocol(new FitSettings(2, 1e-9, Covariance.MODEL, B).withoutIntercept(), List.of("x")))
        .hasMessageContaining("intercept");
    assertThat(Model.SGD.reply()).isEqualTo(ReplyContent.COEFFICIENTS);
  }
}
