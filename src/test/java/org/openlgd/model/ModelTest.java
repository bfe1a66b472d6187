package org.openlgd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.stats.Covariance;

@DisplayName("Model: what each model is, as the CLI, the wire and the reports name it")
class ModelTest {
  @Test
  @DisplayName("exact or averaged, LGD as a fraction or not, log-likelihood or deviance, default covariance, stages")
  void traits() {
    assertThat(Model.SGD.exact()).isFalse();
    assertThat(List.of(Model.OLS, Model.FRACTIONAL_LOGIT, Model.BETA, Model.TOBIT, Model.TWO_STAGE))
        .allSatisfy(m -> assertThat(m.exact()).as(m.wireName()).isTrue());
    assertThat(Model.SGD.lgdAsFraction()).isFalse();
    assertThat(Model.OLS.lgdAsFraction()).isFalse();
    assertThat(List.of(Model.FRACTIONAL_LOGIT, Model.BETA, Model.TOBIT, Model.TWO_STAGE))
        .allSatisfy(m -> assertThat(m.lgdAsFraction()).as(m.wireName()).isTrue());
    assertThat(Model.BETA.logLikelihood()).isTrue();
    assertThat(Model.TOBIT.logLikelihood()).isTrue();
    assertThat(Model.FRACTIONAL_LOGIT.logLikelihood()).isFalse();
    assertThat(Model.CURE_LOGIT.logLikelihood()).isFalse();
    assertThat(Model.FRACTIONAL_LOGIT.defaultCovariance()).isEqualTo(Covariance.ROBUST);
    assertThat(Model.BETA.defaultCovariance()).isEqualTo(Covariance.MODEL);
    assertThat(Model.TWO_STAGE.stages()).containsExactly(Model.CURE_LOGIT, Model.TOTAL_LOSS_LOGIT, Model.BETA);
    assertThat(Model.OLS.stages()).isEmpty();
    assertThatThrownBy(Model.TWO_STAGE::checkServable).isInstanceOf(IllegalArgumentException.class);
    Model.TOBIT.checkServable();
  }

  @Test
  @DisplayName("names: parsed case- and space-insensitively, listed in errors, titled in reports; parameter names")
  void names() {
    assertThat(Model.parse(" Fractional-Logit ")).isEqualTo(Model.FRACTIONAL_LOGIT);
    assertThat(Model.FRACTIONAL_LOGIT.toString()).isEqualTo("fractional-logit");
    assertThat(Model.names()).startsWith("sgd, ").contains("tobit").contains("two-stage");
    assertThatThrownBy(() -> Model.parse("probit")).hasMessageContaining("unknown model 'probit'")
        .hasMessageContaining(Model.names());
    assertThatThrownBy(() -> Model.parse(null)).hasMessageContaining("unknown model");
    assertThat(Model.TOBIT.title()).isEqualTo("Two-limit Tobit (censored at 0 and 1)");
    assertThat(Model.TOBIT.parameterNames(List.of("ltv"))).containsExactly("intercept", "ltv", "log_sigma");
    assertThat(Model.TOBIT.extraParameters(List.of("ltv"))).containsExactly("log_sigma");
    assertThat(Model.OLS.extraParameters(List.of("ltv", "senior"))).isEmpty();
  }
}
