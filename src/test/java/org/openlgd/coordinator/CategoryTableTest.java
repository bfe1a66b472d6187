package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.api.DescribeCodec;

@DisplayName("CategoryTable: a text column pooled over servers, rare levels and held-back counts included")
class CategoryTableTest {
  private static DescribeCodec.Reply reply(int id, DescribeCodec.Categorical c) {
    return new DescribeCodec.Reply(id, 100, "LGD", 3, 10, Map.of(), Map.of("collateral", c));
  }

  @Test
  @DisplayName("a level pools over the servers naming it; it is partial when a server with rare levels does not name "
      + "it; a server without the level and without rare levels leaves it whole; held-back counts count nowhere")
  void pooled() {
    DescribeCodec.Level cash1 = new DescribeCodec.Level("cash", 40L, 40L, 12.0, 1, false);
    DescribeCodec.Level none1 = new DescribeCodec.Level("none", 60L, 50L, 30.0, 1, false);
    DescribeCodec.Level cash2 = new DescribeCodec.Level("cash", 20L, 20L, 8.0, 1, false);
    DescribeCodec.Level rare2 = new DescribeCodec.Level(null, null, null, null, 2, true);
    DescribeCodec.Level none3 = new DescribeCodec.Level("none", 10L, 10L, 5.0, 1, false);
    JsonObject t = CategoryTable.of("collateral", List.of(
        reply(1, new DescribeCodec.Categorical(0L, List.of(cash1, none1), null)),
        reply(2, new DescribeCodec.Categorical(null, List.of(cash2), rare2)),
        reply(3, new DescribeCodec.Categorical(7L, List.of(none3), null))));
    JsonObject pooled = t.getJsonObject("pooled");
    JsonObject cash = pooled.getJsonArray("levels").getJsonObject(0);
    assertThat(cash.getString("level")).isEqualTo("cash");
    assertThat(cash.getLong("n")).isEqualTo(60);
    assertThat(cash.getDouble("targetMean")).isCloseTo(20.0 / 60, offset(1e-15));
    assertThat(cash.getBoolean("partial")).isFalse();
    JsonObject none = pooled.getJsonArray("levels").getJsonObject(1);
    assertThat(none.getLong("n")).isEqualTo(70);
    assertThat(none.getLong("targetN")).isEqualTo(60);
    assertThat(none.getDouble("targetMean")).isCloseTo(35.0 / 60, offset(1e-15));
    assertThat(none.getBoolean("partial")).isTrue(); // server 2 may count it among its rare levels
    assertThat(pooled.getLong("missing")).isEqualTo(7);
    assertThat(pooled.getJsonObject("other").getLong("n")).isZero();
    assertThat(pooled.getJsonObject("other").getValue("targetMean")).isNull();
    JsonObject server2 = t.getJsonArray("servers").getJsonObject(1);
    assertThat(server2.getJsonObject("other").getInteger("levels")).isEqualTo(2);
    assertThat(server2.getJsonObject("other").getBoolean("withMissing")).isTrue();
    assertThat(server2.getValue("missing")).isNull();
    assertThat(CategoryTable.of("collateral", List.of(reply(1, new DescribeCodec.Categorical(0L, List.of(cash1), null))))
        .getJsonObject("pooled").getValue("other")).isNull();
  }
}
