package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.TestServers;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.stats.BucketTable;
import org.openlgd.stats.Validation;

@ExtendWith(VertxExtension.class)
@DisplayName("Small cells: the bucket table a server returns obeys --min-category-count")
class SmallCellsTest {

  /** The validation reply of a server on data/bank1.csv with {@code min} as its disclosure minimum. */
  private static JsonObject validate(Vertx vertx, int min, JsonObject body) throws Exception {
    String url = SourceServers.await(TestServers.deploy(vertx, new JsonObject().put("data", "data/bank1.csv")
        .put("min-category-count", min)));
    return SourceServers.await(WebClient.create(vertx).postAbs(url + "/validate").sendJsonObject(body))
        .bodyAsJsonObject().getJsonObject("validation");
  }

  private static long[][] table(JsonObject v) {
    JsonArray rows = v.getJsonArray("table");
    long[][] t = new long[rows.size()][];
    for (int i = 0; i < t.length; i++) {
      t[i] = rows.getJsonArray(i).stream().mapToLong(c -> ((Number) c).longValue()).toArray();
    }
    return t;
  }

  @Test
  @DisplayName("coefficients crafted to put the one loan with the largest exposure alone in predicted bucket 1: without a "
      + "minimum the table shows its realised bucket; with the default (3) no cell holds 1 or 2 loans, the loan's "
      + "column is empty, its calibration bucket is merged into a neighbour, the reply counts it as suppressed, and the "
      + "server's Somers' D still uses every loan")
  void craftedCoefficientsIsolateNoLoan(Vertx vertx) throws Exception {
    Dataset d = CsvLoader.load(Path.of("data/bank1.csv"), null, List.of());
    double[] ead = new double[d.rows()];
    for (int i = 0; i < ead.length; i++) {
      ead[i] = d.x(2, i);
    }
    Arrays.sort(ead);
    double cut = (ead[ead.length - 1] + ead[ead.length - 2]) / 2;
    assertThat(ead[ead.length - 1]).isGreaterThan(ead[ead.length - 2]);
    JsonObject body = new JsonObject().put("model", "ols").put("intercept", -1e6 * cut)
        .put("coefficients", new JsonObject().put("ltv", 0).put("senior", 0).put("log_ead", 1e6)
            .put("months_in_default", 0));
    long[][] open = table(validate(vertx, 1, body));
    long inTop = Arrays.stream(open).mapToLong(row -> row[Validation.BUCKETS - 1]).sum();
    assertThat(inTop).as("the crafted coefficients isolate one loan").isEqualTo(1);
    JsonObject shown = validate(vertx, 3, body);
    long[][] t = table(shown);
    assertThat(Arrays.stream(t).flatMapToLong(Arrays::stream).filter(c -> c > 0 && c < 3)).isEmpty();
    assertThat(Arrays.stream(t).mapToLong(row -> row[Validation.BUCKETS - 1]).sum()).isZero();
    assertThat(shown.getLong("suppressed")).isPositive();
    assertThat(shown.getLong("n")).isEqualTo(2400);
    assertThat(shown.getDouble("somersD")).isEqualTo(BucketTable.somersD(open));
    JsonArray calibration = shown.getJsonArray("calibration");
    for (int b = 0; b < Validation.BUCKETS; b++) {
      long n = calibration.getLong(4 * b);
      assertThat(n).as("calibration bucket %d", b).matches(c -> c == 0 || c >= 3);
    }
    assertThat(calibration.getLong(4 * (Validation.BUCKETS - 1))).as("the isolated loan's bucket, merged").isZero();
    assertThat(shown.getJsonArray("histogram").stream().mapToLong(c -> ((Number) c).longValue()))
        .allMatch(c -> c == 0 || c >= 3);
  }
}
