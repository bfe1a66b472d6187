package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;

@ExtendWith(VertxExtension.class)
@DisplayName("No row-level data leaves a server")
class NoRowsLeakTest {

  @Test
  @DisplayName("no reply of any endpoint, for any model, contains any value of any row")
  void noReplyContainsARow(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    List<String> values = new ArrayList<>();
    StringBuilder csv = new StringBuilder("LGD,a,b\n");
    for (int i = 0; i < 40; i++) {
      // distinctive values (12 significant digits) that no aggregate will reproduce by chance
      String y = String.format(Locale.ROOT, "%.12f", 0.05 + 0.9 * r.nextDouble());
      String a = String.format(Locale.ROOT, "%.12f", 1 + 3 * r.nextDouble());
      String b = String.format(Locale.ROOT, "%.12f", -2 + 4 * r.nextDouble());
      csv.append(y).append(',').append(a).append(',').append(b).append('\n');
      for (String v : List.of(y, a, b)) {
        values.add(v.substring(0, v.length() - 2));
      }
    }
    Path f = dir.resolve("rows.csv");
    Files.writeString(f, csv);
    WebClient client = WebClient.create(vertx);
    JsonObject params = new JsonObject().put("intercept", 0.1).put("coefficients", new JsonObject().put("a", 0.2).put("b", -0.1));
    TestServers.deploy(vertx, new JsonObject().put("data", f.toString()).put("id", 3)).compose(url -> {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      calls.add(client.getAbs(url + "/").send());
      calls.add(client.postAbs(url + "/reload").send());
      for (String model : List.of("sgd", "ols", "fractional-logit", "beta", "cure-logit", "total-loss-logit")) {
        calls.add(client.getAbs(url + "/start?model=" + model).send());
        JsonObject body = params.copy().put("model", model).put("epoch", 2);
        if (model.equals("beta")) {
          body.put("log_precision", 0.5);
        }
        calls.add(client.postAbs(url + "/update").sendJsonObject(body));
        calls.add(client.postAbs(url + "/validate").sendJsonObject(body));
      }
      return Future.all(new ArrayList<>(calls)).map(x -> calls);
    }).onComplete(ctx.succeeding(calls -> ctx.verify(() -> {
      int ok = 0;
      for (Future<HttpResponse<Buffer>> c : calls) {
        String text = c.result().bodyAsString();
        if (c.result().statusCode() == 200) {
          ok++;
        }
        for (String v : values) {
          assertThat(text).as("a reply holds the row value %s", v).doesNotContain(v);
        }
      }
      assertThat(ok).as("replies with content").isGreaterThanOrEqualTo(16);
      ctx.completeNow();
    })));
  }
}
