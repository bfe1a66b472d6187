package org.openlgd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;
import org.openlgd.cli.CliRunner;
import org.openlgd.data.Dataset;
import org.openlgd.model.IterativeFit;
import org.openlgd.model.Model;

@DisplayName("Two-limit Tobit (censored at 0 and 1), federated Newton rounds in Olsen's parametrization")
class TobitTest {
  static final JsonObject AER = Fixtures.json("tobit.json");

  @Test
  @DisplayName("4 sites (the shipped banks) match R's AER::tobit on the pooled rows: coefficients and log sigma to "
      + "1e-6 relative, standard errors to 1e-5, log-likelihood to 1e-8")
  void matchesAer() throws Exception {
    ScoringIteration.Fit fit = IterativeFit.fit(Model.TOBIT, FractionalLogitTest.banks(), Covariance.MODEL, null);
    assertThat(fit.converged()).isTrue();
    assertThat(fit.statistics().n()).isEqualTo(AER.getLong("n"));
    FractionalLogitTest.assertRelative(fit.coefficients(), AER.getJsonArray("coefficients"), 1e-6, "parameter");
    FractionalLogitTest.assertRelative(fit.standardErrors(), AER.getJsonArray("standardErrors"), 1e-5, "SE");
    Inference table = fit.inference();
    for (int j = 0; j < table.pValues().length; j++) {
      // the SEs agree to 1e-5, and a two-sided p near e^-z^2/2 magnifies that by z^2
      double p = AER.getJsonArray("pValues").getDouble(j);
      double z = table.statistics()[j];
      assertThat(table.pValues()[j]).as("p-value %d", j).isCloseTo(p, Offset.offset(Math.max(1e-4, 2e-5 * z * z) * p + 1e-300));
    }
    assertThat(-fit.statistics().deviance() / 2).isCloseTo(AER.getDouble("logLikelihood"), Offset.offset(1e-8 * 4870));
    assertThat(fit.rounds()).isLessThan(15);
  }

  @Test
  @DisplayName("the coordinator's protocol over 4 servers in one JVM (simulate --model tobit) gives AER's fit, "
      + "log_sigma named last")
  void federatedRun() throws Exception {
    CliRunner.Run run = CliRunner.cli("simulate", "--model", "tobit", "--json", "--data", "data/bank1.csv", "--data",
        "data/bank2.csv", "--data", "data/bank3.csv", "--data", "data/bank4.csv");
    assertThat(run.code()).as(run.err()).isZero();
    JsonObject j = new JsonObject(run.lastLine());
    JsonObject coefficients = j.getJsonObject("coefficients");
    assertThat(List.copyOf(coefficients.fieldNames())).isEqualTo(AER.getJsonArray("parameters").getList());
    JsonArray expected = AER.getJsonArray("coefficients");
    int i = 0;
    for (String name : coefficients.fieldNames()) {
      double e = expected.getDouble(i++);
      assertThat(Math.abs(coefficients.getDouble(name) - e) / Math.abs(e)).as(name).isLessThanOrEqualTo(1e-6);
    }
  }

  @Test
  @DisplayName("the censored mean: 0 and 1 at the far ends, eta inside when sigma is small, and its closed form "
      + "against a numerical integral")
  void censoredMean() {
    assertThat(Tobit.censoredMean(-40, 0.3)).isCloseTo(0, Offset.offset(1e-15));
    assertThat(Tobit.censoredMean(40, 0.3)).isCloseTo(1, Offset.offset(1e-15));
    assertThat(Tobit.censoredMean(0.4, 1e-6)).isCloseTo(0.4, Offset.offset(1e-9));
    double eta = 0.3;
    double sigma = 0.5;
    double sum = 0;
    int steps = 200_000;
    for (int s = 0; s < steps; s++) {
      double e = -10 + 20 * (s + 0.5) / steps;
      double y = Math.min(Math.max(eta + sigma * e, 0), 1);
      sum += y * Math.exp(-e * e / 2) / Math.sqrt(2 * Math.PI) * 20 / steps;
    }
    assertThat(Tobit.censoredMean(eta, sigma)).isCloseTo(sum, Offset.offset(1e-9));
  }

  @Test
  @DisplayName("log Phi and the inverse Mills ratio match scipy's log_ndtr to 1e-13 relative, also past the switch to "
      + "the tail series at -30")
  void tails() {
    // scipy.special.log_ndtr(c) and exp(log phi(c) - log_ndtr(c)), scipy 1.10 (Debian bookworm)
    double[][] scipy = {{-40, -804.6084420137539, 40.024968847210886}, {-31, -484.8539636271794, 31.032191276781262},
        {-29, -424.78741990973026, 29.034401237739754}, {-5, -15.064998393988727, 5.1865039671258515},
        {0, -0.6931471805599453, 0.7978845608028654}, {3, -0.001350809964748193, 0.0044378390421256665}};
    for (double[] row : scipy) {
      assertThat(Tobit.logPhi(row[0])).as("log Phi(%s)", row[0]).isCloseTo(row[1], Offset.offset(1e-13 * Math.abs(row[1])));
      assertThat(Tobit.millsRatio(row[0])).as("Mills(%s)", row[0]).isCloseTo(row[2], Offset.offset(1e-12 * row[2]));
    }
  }

  @Test
  @DisplayName("an LGD outside [0, 1] is refused, naming the row")
  void outside() {
    Dataset d = Dataset.ofRows("LGD", List.of("x"), new double[][] {{1}, {2}, {3}}, new double[] {0.5, 1.2, 0.3});
    assertThatThrownBy(() -> IterativeFit.fit(Model.TOBIT, List.of(d), null, null))
        .hasMessageContaining("row 2").hasMessageContaining("[0, 1]");
  }
}
