package org.openlgd.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;

@DisplayName("Wire format")
class WireTest {
  private static final List<String> ONE = List.of("X");
  private static final List<String> TWO = List.of("a", "b");

  @Test
  @DisplayName("accepts the original shape and the by-name generalisation")
  void shapes() {
    UpdateCodec.UpdateRequest r = UpdateCodec.parse(new JsonObject("{\"intercept\":0.3,\"coefficient\":0.1}"), ONE, Model.SGD);
    assertThat(r.model()).isEqualTo(Model.SGD);
    assertThat(r.epoch()).isZero();
    assertThat(r.parameters()).containsExactly(0.3, 0.1);
    r = UpdateCodec.parse(new JsonObject("{\"intercept\":1,\"coefficients\":{\"b\":3,\"a\":2},\"epoch\":4,\"model\":\"OLS\"}"), TWO, Model.SGD);
    assertThat(r.parameters()).containsExactly(1.0, 2.0, 3.0);
    assertThat(r.epoch()).isEqualTo(4);
    assertThat(r.model()).isEqualTo(Model.OLS);
    assertThat(UpdateCodec.parse(new JsonObject("{\"intercept\":1,\"coefficient\":[2,3]}"), TWO, Model.SGD).parameters())
        .containsExactly(1.0, 2.0, 3.0);
    assertThat(UpdateCodec.parse(new JsonObject("{\"intercept\":1,\"coefficient\":[2]}"), ONE, Model.SGD).parameters())
        .containsExactly(1.0, 2.0);
  }

  @Test
  @DisplayName("refuses missing keys, wrong types, non-finite values, wrong dimensions and unknown names")
  void refusals() {
    String[][] cases = {
        {"{\"coefficient\":0.1}", "lacks 'intercept'"},
        {"{\"intercept\":0.1}", "lacks 'coefficient'"},
        {"{\"intercept\":\"0.1\",\"coefficient\":0.1}", "'intercept' must be a number, got a string"},
        {"{\"intercept\":true,\"coefficient\":0.1}", "got a boolean"},
        {"{\"intercept\":null,\"coefficient\":0.1}", "got null"},
        {"{\"intercept\":0.1,\"coefficient\":{}}", "must be a number, got an object"},
        {"{\"intercept\":1e400,\"coefficient\":0.1}", "finite"},
        {"{\"intercept\":0.1,\"coefficient\":[1,2]}", "has 2 entries, expected 1"},
        {"{\"intercept\":0.1,\"coefficients\":{\"X\":1,\"Z\":2}}", "unknown feature 'Z'"},
        {"{\"intercept\":0.1,\"coefficients\":{}}", "lacks feature 'X'"},
        {"{\"intercept\":0.1,\"coefficients\":5}", "must be an object"},
        {"{\"intercept\":0.1,\"coefficient\":0.1,\"model\":\"probit\"}", "unknown model 'probit'"},
        {"{\"intercept\":0.1,\"coefficient\":0.1,\"model\":3}", "'model' must be a string"},
        {"{\"intercept\":0.1,\"coefficient\":0.1,\"epoch\":-1}", "'epoch'"},
        {"{\"intercept\":0.1,\"coefficient\":0.1,\"epoch\":1.5}", "'epoch'"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> UpdateCodec.parse(new JsonObject(c[0]), ONE, Model.SGD)).as(c[0])
          .isInstanceOf(BadRequestException.class).hasMessageContaining(c[1]);
    }
    assertThatThrownBy(() -> UpdateCodec.parse(new JsonObject("{\"intercept\":1,\"coefficient\":2}"), TWO, Model.SGD))
        .hasMessageContaining("2 features");
  }

  @Test
  @DisplayName("a one-feature reply has the original keys; an OLS reply carries its R factor and round-trips")
  void replies() {
    JsonObject one = EstimateCodec.encode(3, new LocalEstimate(Model.SGD, 10, 2, new double[] {0.5, 0.25}, null), "Y", ONE);
    assertThat(one.getDouble("intercept")).isEqualTo(0.5);
    assertThat(one.getDouble("coefficient")).isEqualTo(0.25);
    assertThat(one.getLong("n")).isEqualTo(10);
    JsonObject two = EstimateCodec.encode(3, new LocalEstimate(Model.OLS, 10, 0, new double[] {1, 2, 3},
        new double[][] {{1, 2, 3, 4}, {0, 1, 2, 3}, {0, 0, 1, 2}, {0, 0, 0, 1}}), "Y", TWO);
    assertThat(two.containsKey("coefficient")).isFalse();
    assertThat(two.getJsonObject("coefficients").getDouble("b")).isEqualTo(3.0);
    assertThat(two.getJsonArray("columns")).isEqualTo(new JsonArray().add("intercept").add("a").add("b").add("Y"));
    LocalEstimate back = EstimateCodec.parse(two, Model.OLS, TWO);
    assertThat(back.r()[1][3]).isEqualTo(3.0);
    assertThat(back.coefficients()).containsExactly(1.0, 2.0, 3.0);
    assertThatThrownBy(() -> EstimateCodec.parse(two, Model.SGD, TWO)).hasMessageContaining("model 'ols'");
    assertThatThrownBy(() -> EstimateCodec.parse(new JsonObject().put("n", 5), Model.OLS, TWO)).hasMessageContaining("'r'");
  }

  @Test
  @DisplayName("round tags: optional, validated at the server, echoed, and checked by the coordinator")
  void roundTags() {
    assertThat(UpdateCodec.parse(new JsonObject("{\"intercept\":0.3,\"coefficient\":0.1}"), ONE, Model.SGD).tag())
        .isSameAs(RoundTag.NONE);
    RoundTag tag = UpdateCodec.parse(new JsonObject("{\"intercept\":0.3,\"coefficient\":0.1,\"run\":\"run-1\",\"round\":7}"),
        ONE, Model.SGD).tag();
    assertThat(tag).isEqualTo(new RoundTag("run-1", 7));
    assertThat(RoundTag.parse(null, "12")).isEqualTo(new RoundTag(null, 12));
    for (String bad : List.of("{\"run\":5}", "{\"run\":\"\"}", "{\"run\":\"a b\"}", "{\"run\":\"" + "x".repeat(65) + "\"}",
        "{\"round\":-1}", "{\"round\":1.5}", "{\"round\":\"x\"}", "{\"round\":10000000000}")) {
      JsonObject body = new JsonObject(bad).put("intercept", 0.3).put("coefficient", 0.1);
      assertThatThrownBy(() -> UpdateCodec.parse(body, ONE, Model.SGD)).as(bad).isInstanceOf(BadRequestException.class);
    }
    JsonObject reply = tag.putInto(new JsonObject());
    tag.checkEcho(reply);
    assertThatThrownBy(() -> new RoundTag("run-1", 8).checkEcho(reply)).isInstanceOf(StaleReplyException.class)
        .hasMessageContaining("stale reply for round 7 (expected round 8)")
        .matches(e -> ((StaleReplyException) e).retryable());
    assertThatThrownBy(() -> new RoundTag("run-2", 7).checkEcho(reply)).hasMessageContaining("another run");
    assertThatThrownBy(() -> tag.checkEcho(new JsonObject())).hasMessageContaining("no run and round id")
        .matches(e -> !((StaleReplyException) e).retryable());
  }
}
