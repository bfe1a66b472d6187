package org.openlgd.cli;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.openlgd.api.ModelServerClient;
import org.openlgd.config.ColumnsOptions;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.config.DisclosureRules;
import org.openlgd.config.FaultSettings;
import org.openlgd.config.ServerConfig;
import org.openlgd.config.Tls;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.Federation;
import org.openlgd.coordinator.RunListener;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.DataFormatException;
import org.openlgd.data.Table;
import org.openlgd.formula.Design;
import org.openlgd.formula.DesignSpec;
import org.openlgd.model.FitSettings;
import org.openlgd.model.Model;
import org.openlgd.server.AuditLog;
import org.openlgd.server.InProcessClient;
import org.openlgd.server.ModelService;
import org.openlgd.server.RequestPipeline;

/**
 * The non-federated reference: a federation of one server holding every row (several files are pooled), in this
 * process. It runs the same protocol, pipeline and codecs as a federation, through {@link InProcessClient}; the
 * user's own data meet no disclosure rule and leave no audit trail, and calls have no deadline to meet.
 */
final class Standalone {
  private static final FaultSettings PATIENT = new FaultSettings(3_600_000, 86_400_000, 0, 250, 0);

  private Standalone() {
  }

  static FederatedResult run(List<String> files, ColumnsOptions columns, Model model, FitSettings fit, long seed,
                             double eta0, RunListener listener) throws DataFormatException, ExecutionException {
    // Vert.x starts while the files are read
    CompletableFuture<Vertx> starting = CompletableFuture.supplyAsync(Vertx::vertx);
    List<Table> parts = new ArrayList<>();
    Design.Missing missing;
    try {
      missing = columns.missing("standalone");
      for (String f : files) {
        parts.add(CsvLoader.table(Path.of(f)));
      }
    } catch (DataFormatException | RuntimeException e) {
      Await.result(starting.join().close());
      throw e;
    }
    Table data = parts.size() == 1 ? parts.get(0) : Table.concat(String.join("+", files), parts);
    ServerConfig server = new ServerConfig(0, model, new ServerConfig.Endpoint(ServerConfig.NO_HTTP, "127.0.0.1", 0),
        new ServerConfig.Data(data.source(), columns.target(), columns.features(), null, columns.formula(),
            columns.weights(), missing), new ServerConfig.Sgd(seed, eta0),
        new ServerConfig.Trust(null, true, DisclosureRules.NONE, null, false, false), Tls.NONE, ServerConfig.Secure.NONE);
    boolean designed = columns.formula() != null || columns.weights() != null || missing != Design.Missing.DROP;
    CoordinatorConfig cfg = new CoordinatorConfig(List.of(), model, fit, PATIENT,
        new CoordinatorConfig.Discovery(CoordinatorConfig.Transport.HTTP, 1, 0, 0), null, Tls.NONE, -1, false)
        .withDesign(designed ? new DesignSpec(columns.formula() == null ? DesignSpec.OWN_COLUMNS : columns.formula(),
            columns.weights(), missing, false) : null);
    Vertx vertx = starting.join();
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
