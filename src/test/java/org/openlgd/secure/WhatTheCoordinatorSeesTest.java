package org.openlgd.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openlgd.secure.SecureFederationTest.await;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;
import org.openlgd.api.ModelServerClient;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.Federation;
import org.openlgd.coordinator.HttpModelServerClient;
import org.openlgd.coordinator.RunListener;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.ValidationReply;

@DisplayName("What a coordinator sees in a secure run")
class WhatTheCoordinatorSeesTest {
  private Vertx vertx;
  private WebClient web;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private List<String> servers(UnaryOperator<JsonObject> config) throws Exception {
    List<String> urls = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      urls.add(await(TestServers.deploy(vertx, config.apply(new JsonObject().put("data", "data/bank" + k + ".csv").put("id", k)))));
    }
    return urls;
  }

  private FederatedResult federate(List<? extends ModelServerClient> clients, JsonObject conf) throws Exception {
    CoordinatorConfig cfg = CoordinatorConfig.from(conf.copy().put("servers",
        String.join(",", clients.stream().map(ModelServerClient::address).toList())));
    Promise<FederatedResult> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> new Federation(vertx, List.copyOf(clients), cfg, RunListener.NONE).run().onComplete(p));
    return await(p.future());
  }

  private List<Recording> recorded(List<String> urls, int swapped) {
    return urls.stream().map(u -> {
      ModelServerClient c = new HttpModelServerClient(web, u);
      return urls.indexOf(u) == swapped
          ? new Recording(c, p -> new Participant(p.id(), Masks.ephemeral().getPublic().getEncoded(), p.signature()))
          : new Recording(c);
    }).toList();
  }

  @Test
  @DisplayName("every share it receives is unlike the server's statistics, differs between runs, and carries nothing else")
  void sharesRevealNothing() throws Exception {
    List<String> urls = servers(c -> c);
    JsonObject conf = new JsonObject().put("model", "fractional-logit");
    List<Recording> plain = recorded(urls, -1);
    federate(plain, conf);
    List<Recording> first = recorded(urls, -1);
    federate(first, conf.copy().put("secure", true));
    List<Recording> second = recorded(urls, -1);
    federate(second, conf.copy().put("secure", true));
    for (int k = 0; k < 4; k++) {
      List<Object> clear = plain.get(k).received;
      List<Object> masked = first.get(k).received;
      List<Object> again = second.get(k).received;
      assertThat(masked).hasSameSizeAs(clear).hasSameSizeAs(again);
      for (int r = 0; r < masked.size(); r++) {
        double[] stats = clear.get(r) instanceof LocalEstimate e ? e.statistic() : ((ValidationReply) clear.get(r)).sums().toVector();
        List<BigInteger> share = masked.get(r) instanceof LocalEstimate e ? e.share().masked() : ((ValidationReply) masked.get(r)).share().masked();
        List<BigInteger> other = again.get(r) instanceof LocalEstimate e ? e.share().masked() : ((ValidationReply) again.get(r)).share().masked();
        assertThat(share).hasSize(stats.length);
        if (masked.get(r) instanceof LocalEstimate e) {
          assertThat(e.coefficients()).isNull();
          assertThat(e.score()).isNull();
          assertThat(e.r()).isNull();
        } else {
          assertThat(((ValidationReply) masked.get(r)).sums()).isNull();
        }
        for (int i = 0; i < stats.length; i++) {
          assertThat(Math.abs(Ring.decode(share.get(i)) - stats[i])).as("server %d reply %d entry %d", k + 1, r, i)
              .isGreaterThan(1e20);
          assertThat(share.get(i)).as("server %d reply %d entry %d in two runs", k + 1, r, i).isNotEqualTo(other.get(i));
        }
      }
    }
  }

  @Test
  @DisplayName("servers pinning each other's identity keys refuse a coordinator that swaps a key, naming the server")
  void keySubstitutionIsRefused(@TempDir Path dir) throws Exception {
    JsonObject peers = new JsonObject();
    for (int id = 1; id <= 4; id++) {
      KeyPair pair = Identity.generate();
      Files.writeString(dir.resolve(id + ".key"), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
      peers.put(Integer.toString(id), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }
    Files.writeString(dir.resolve("peers.json"), peers.encode());
    List<String> urls = servers(c -> c.put("identity-key", dir.resolve(c.getInteger("id") + ".key").toString())
        .put("peer-keys", dir.resolve("peers.json").toString()));
    JsonObject conf = new JsonObject().put("model", "ols").put("secure", true);
    assertThat(federate(recorded(urls, -1), conf).n()).as("an honest relay").isEqualTo(6000);
    assertThatThrownBy(() -> federate(recorded(urls, 1), conf))
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("the key of participant server 2 is not signed by its pinned identity key");
  }
}
