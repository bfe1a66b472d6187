package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.TestServers;
import org.openlgd.api.Addresses;

/** A bounded fuzz run on loopback: 1,200 malformed or hostile requests, in batches of 40, from a fixed seed. */
@ExtendWith(VertxExtension.class)
@DisplayName("Hostile input")
class HostileInputTest {
  private static final int REQUESTS = 1200;
  private static final int BATCH = 40;

  /** One hostile request: method, path, body (may be null). */
  private record Attack(HttpMethod method, String path, Buffer body) {
  }

  private static Attack attack(SplittableRandom r) {
    String[] paths = {"/update", "/validate", "/start", "/levels", "/reload", "/", "/nope", "/update/../start", "/%00",
        "/start?model=%ff",
        "/start?model=" + "x".repeat(2000), "/start?boundary=maybe&model=beta"};
    HttpMethod[] methods = {HttpMethod.POST, HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH};
    String body = switch (r.nextInt(19)) {
      case 0 -> "";
      case 1 -> "{";
      case 2 -> "[" + "[".repeat(r.nextInt(5000)) + "]";
      case 3 -> "{\"intercept\":" + "9".repeat(r.nextInt(1, 400)) + ",\"coefficients\":{}}";
      case 4 -> "{\"intercept\":NaN,\"coefficients\":{\"ltv\":Infinity}}";
      case 5 -> "{\"intercept\":0.1,\"coefficients\":" + "[1,".repeat(r.nextInt(1, 3000)) + "1" + "]".repeat(1) + "}";
      case 6 -> "{\"intercept\":\"x\",\"coefficients\":{\"ltv\":true}}";
      case 7 -> "{\"intercept\":0.1,\"coefficients\":{\"ltv\":1,\"senior\":1,\"log_ead\":1,\"months_in_default\":1},\"model\":"
          + (r.nextBoolean() ? "\"probit\"" : "42") + "}";
      case 8 -> "{\"intercept\":0.1,\"coefficients\":{\"ltv\":1,\"senior\":1,\"log_ead\":1,\"months_in_default\":1},\"epoch\":-"
          + r.nextInt(1000) + "}";
      case 9 -> "{\"intercept\":0.1,\"coefficient\":[1,2],\"unknown\":{\"deep\":[null,{}]}}";
      case 10 -> "x".repeat(70_000);
      case 11 -> "{\"a\":" + "{\"a\":".repeat(r.nextInt(3000)) + "1" + "}".repeat(r.nextInt(3000)) + "}";
      case 12 -> {
        byte[] b = new byte[r.nextInt(1, 500)];
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) r.nextInt(256);
        }
        yield new String(b, StandardCharsets.ISO_8859_1);
      }
      case 13 -> "{\"formula\":\"LGD ~ " + "(".repeat(r.nextInt(1, 3000)) + "ltv\"}";
      case 14 -> "{\"formula\":\"LGD ~ " + "-".repeat(r.nextInt(1, 3000)) + "I(" + "-".repeat(r.nextInt(1, 900)) + "ltv)\"}";
      case 15 -> "{\"formula\":\"LGD ~ (" + IntStream.range(0, 120).mapToObj(k -> "I(ltv + " + k + ")")
          .collect(Collectors.joining(" + ")) + ") ** 3\"}";
      case 16 -> "{\"model\":\"ols\",\"design\":{\"formula\":\"LGD ~ C(ltv):C(log_ead)\",\"levels\":{\"C(ltv)\":["
          + "1,".repeat(r.nextInt(1, 2000)) + "2]}}}";
      case 17 -> "{\"model\":\"ols\",\"intercept\":0,\"coefficients\":{},\"design\":{\"formula\":"
          + (r.nextBoolean() ? "5" : "\"LGD ~ senior\",\"levels\":{\"x\":[true,\"a\",1]},\"missing\":\"maybe\"") + "}}";
      default -> "{\"intercept\":1e308,\"coefficients\":{\"ltv\":-1e308,\"senior\":1e-320,\"log_ead\":0,\"months_in_default\":0},"
          + "\"model\":\"" + (r.nextBoolean() ? "beta" : "two-stage") + "\",\"log_precision\":800}";
    };
    return new Attack(methods[r.nextInt(methods.length)], paths[r.nextInt(paths.length)], Buffer.buffer(body));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  @DisplayName("1,200 malformed or hostile requests: no 5xx, no crash; the server then still serves GET / and a correct update")
  void fuzz(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    SplittableRandom r = new SplittableRandom(20261127);
    AtomicInteger fiveHundreds = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    List<String> examples = new ArrayList<>();
    TestServers.deploy(vertx, new JsonObject().put("data", "data/bank1.csv").put("id", 1))
        .compose(url -> batch(vertx, client, url, r, 0, fiveHundreds, answered, examples).map(x -> url))
        .compose(url -> client.getAbs(url + "/").send().compose(hello -> {
          ctx.verify(() -> assertThat(hello.statusCode()).isEqualTo(200));
          return client.postAbs(url + "/update").sendJsonObject(new JsonObject().put("intercept", 0.1)
              .put("coefficients", new JsonObject().put("ltv", 0.3).put("senior", -0.2).put("log_ead", 0.02).put("months_in_default", 0.007)));
        }))
        .onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          assertThat(answered.get()).isEqualTo(REQUESTS);
          assertThat(fiveHundreds.get()).as("5xx replies, e.g. %s", examples).isZero();
          assertThat(ok.statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the same bodies over the event bus (those that are JSON objects, and none): no failure code 500 or above")
  void fuzzEventBus(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    SplittableRandom r = new SplittableRandom(20261128);
    String[] ops = {Addresses.START, Addresses.UPDATE, Addresses.VALIDATE, Addresses.KEYS, Addresses.HELLO};
    List<String> bad = new ArrayList<>();
    TestServers.deploy(vertx, new JsonObject().put("data", "data/bank1.csv").put("id", 1))
        .compose(url -> client.getAbs(url + "/").send())
        .compose(hello -> {
          String key = hello.bodyAsJsonObject().getString("key");
          List<Future<?>> sent = new ArrayList<>();
          for (int i = 0; i < 400; i++) {
            JsonObject body = asObject(attack(r).body());
            String address = Addresses.server(key, ops[r.nextInt(ops.length)]);
            sent.add(vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(10_000))
                .recover(e -> {
                  if (!(e instanceof ReplyException re) || re.failureType() != ReplyFailure.RECIPIENT_FAILURE
                      || re.failureCode() >= 500) {
                    synchronized (bad) {
                      bad.add(address + " " + body + " -> " + e);
                    }
                  }
                  return Future.succeededFuture();
                }));
          }
          return Future.all(sent);
        })
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(bad).as("replies with 5xx or no reply").isEmpty();
          ctx.completeNow();
        })));
  }

  /** The body as a JSON object, or null when it is not one (the event bus carries objects). */
  private static JsonObject asObject(Buffer body) {
    try {
      return body.length() == 0 ? null : new JsonObject(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Future<Void> batch(Vertx vertx, WebClient client, String url, SplittableRandom r, int done,
                                    AtomicInteger fiveHundreds, AtomicInteger answered, List<String> examples) {
    if (done >= REQUESTS) {
      return Future.succeededFuture();
    }
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < BATCH && done + i < REQUESTS; i++) {
      Attack a = attack(r);
      sent.add(client.requestAbs(a.method(), url + a.path()).timeout(10_000).sendBuffer(a.body()).onSuccess(resp -> {
        answered.incrementAndGet();
        if (resp.statusCode() >= 500) {
          fiveHundreds.incrementAndGet();
          synchronized (examples) {
            if (examples.size() < 5) {
              examples.add(a.method() + " " + a.path() + " -> " + resp.statusCode() + " " + resp.bodyAsString());
            }
          }
        }
      }));
    }
    return Future.join(new ArrayList<>(sent)).transform(x -> {
      for (Future<HttpResponse<Buffer>> f : sent) {
        if (f.failed()) {
          return Future.failedFuture(new AssertionError("a request got no answer: " + f.cause()));
        }
      }
      return batch(vertx, client, url, r, done + sent.size(), fiveHundreds, answered, examples);
    });
  }
}
