package org.openlgd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.Fixtures;
import org.openlgd.cli.CliRunner;

@DisplayName("Log-likelihood, AIC and BIC of a federated fit")
class LikelihoodTest {
  private static JsonObject simulate(String... extra) {
    List<String> args = new ArrayList<>(List.of("simulate", "--json"));
    for (int k = 1; k <= 4; k++) {
      args.addAll(List.of("--data", "data/bank" + k + ".csv"));
    }
    args.addAll(List.of(extra));
    CliRunner.Run run = CliRunner.cli(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return new JsonObject(run.lastLine());
  }

  @Test
  @DisplayName("tobit and ols over 4 servers: log-likelihood, AIC and BIC equal R's logLik, AIC and BIC of "
      + "AER::tobit and lm on the pooled rows to 1e-10 relative (k counts sigma)")
  void matchesR() throws Exception {
    JsonObject r = Fixtures.json("tobit.json");
    JsonObject tobit = simulate("--model", "tobit");
    assertThat(tobit.getInteger("parametersEstimated")).isEqualTo(6);
    assertThat(tobit.getDouble("logLikelihood")).isCloseTo(r.getDouble("logLikelihood"), offset(1e-10 * 4870));
    assertThat(tobit.getDouble("aic")).isCloseTo(r.getDouble("aic"), offset(1e-10 * 9753));
    assertThat(tobit.getDouble("bic")).isCloseTo(r.getDouble("bic"), offset(1e-10 * 9793));
    JsonObject ols = simulate("--model", "ols");
    assertThat(ols.getInteger("parametersEstimated")).isEqualTo(6);
    assertThat(ols.getDouble("logLikelihood")).isCloseTo(r.getDouble("olsLogLikelihood"), offset(1e-10 * 2210));
    assertThat(ols.getDouble("aic")).isCloseTo(r.getDouble("olsAic"), offset(1e-10 * 4433));
    assertThat(ols.getDouble("bic")).isCloseTo(r.getDouble("olsBic"), offset(1e-10 * 4473));
  }

  @Test
  @DisplayName("two-stage adds its stages' log-likelihoods and parameters; the fractional logit (a quasi-likelihood) "
      + "has none")
  void twoStageAndQuasi() {
    JsonObject two = simulate("--model", "two-stage");
    JsonObject cure = simulate("--model", "cure-logit");
    assertThat(two.getInteger("parametersEstimated")).isEqualTo(16);
    assertThat(two.getDouble("aic")).isCloseTo(-2 * two.getDouble("logLikelihood") + 32, offset(1e-9));
    assertThat(two.getDouble("logLikelihood")).isLessThan(cure.getDouble("logLikelihood"));
    assertThat(simulate("--model", "fractional-logit").containsKey("aic")).isFalse();
  }
}
