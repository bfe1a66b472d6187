package org.openlgd.cli;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.openlgd.api.ModelServerClient;
import org.openlgd.coordinator.CoordinatorConfig;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.Federation;
import org.openlgd.coordinator.RunListener;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.DataFormatException;
import org.openlgd.data.Dataset;
import org.openlgd.server.AuditLog;
import org.openlgd.server.InProcessClient;
import org.openlgd.server.ModelService;
import org.openlgd.server.RequestPipeline;
import org.openlgd.server.ServerConfig;

/**
 * The non-federated reference: a federation of one server holding every row (several files are pooled), in this
 * process. It runs the same protocol, pipeline and codecs as a federation, through {@link InProcessClient}; the
 * user's own data meet no disclosure rule and leave no audit trail.
 */
final class Standalone {
  private Standalone() {
  }

  static FederatedResult run(List<String> files, String target, List<String> features, JsonObject fit, long seed,
                             double eta0, RunListener listener) throws DataFormatException, ExecutionException {
    List<Dataset> parts = new ArrayList<>();
    for (String f : files) {
      parts.add(CsvLoader.load(Path.of(f), target, features));
    }
    Dataset data = parts.size() == 1 ? parts.get(0) : Dataset.concat(String.join("+", files), parts);
    ServerConfig server = ServerConfig.from(new JsonObject().put("data", data.source()).put("id", 0).put("seed", seed)
        .put("eta0", eta0).put("min-rows", 1).put("max-parameter-ratio", Double.MAX_VALUE).put("min-category-count", 0)
        .put("audit-log", false));
    CoordinatorConfig cfg = CoordinatorConfig.from(fit.copy().put("servers", "http://in-process")
        .put("timeout", 3_600_000).put("round-timeout", 86_400_000).put("retries", 0));
    Vertx vertx = Vertx.vertx();
    try {
      ModelService service = new ModelService(vertx, server, data, "standalone");
      ModelServerClient self = new InProcessClient(new RequestPipeline(service, AuditLog.off()), data.source());
      return Await.result(onContext(vertx, () -> new Federation(vertx, List.of(self), cfg, listener).run()));
    } finally {
      Await.result(vertx.close());
    }
  }

  /** Runs {@code f} on a context of {@code vertx}, as a verticle would. */
  static <T> Future<T> onContext(Vertx vertx, Supplier<Future<T>> f) {
    Promise<T> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> f.get().onComplete(p));
    return p.future();
  }
}
