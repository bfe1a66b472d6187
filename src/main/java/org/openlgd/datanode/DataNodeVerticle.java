package org.openlgd.datanode;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openlgd.config.DataNodeConfig;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data backend that serves a CSV file as an openNPL-style REST API, so that the original openLGD's second demo
 * runs without Docker: {@code GET /api/npl_data/counterparties} lists the rows as {@code {"id", "link"}} entries
 * (absolute links built from the request's host; DRF pages {@code {"count", "next", "previous", "results"}} with
 * {@code page-size} > 0, {@code ?page=N} from 1), and {@code GET /api/npl_data/counterparties/{id}} returns one row
 * as a JSON object of named fields. {@code fields} renames columns (e.g. {@code X=current_assets}).
 *
 */
public final class DataNodeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DataNodeVerticle.class);
  static final String LIST = "/api/npl_data/counterparties";

  private List<String> names;
  private Object[][] rows;
  private int pageSize;
  private HttpServer http;

  private final DataNodeConfig given;

  /** A data node configured by its deployment's JSON config. */
  public DataNodeVerticle() {
    this(null);
  }

  public DataNodeVerticle(DataNodeConfig cfg) {
    this.given = cfg;
  }

  @Override
  public Future<?> start() {
    DataNodeConfig cfg;
    try {
      cfg = given != null ? given : DataNodeConfig.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    pageSize = cfg.pageSize();
    return vertx.executeBlocking(() -> CsvLoader.table(Path.of(cfg.data())), false)
        .compose(d -> {
          hold(d, cfg.rename());
          Router router = Router.router(vertx);
          router.get(LIST).handler(this::list);
          router.get(LIST + "/:id").handler(this::entry);
          return vertx.createHttpServer().requestHandler(router).listen(cfg.port(), cfg.host());
        })
        .onSuccess(s -> {
          http = s;
          LOG.info("data node serving {} rows of {} on http://{}:{}{}", rows.length, cfg.data(), cfg.host(), s.actualPort(), LIST);
        });
  }

  /** The bound port (useful with port 0). */
  public int actualPort() {
    return http.actualPort();
  }

  /** Every column of the file, renamed as configured: a cell is a Double, a String (text) or null (missing). */
  private void hold(Table t, Map<String, String> rename) {
    List<String> columns = t.names();
    names = columns.stream().map(c -> rename.getOrDefault(c, c)).toList();
    rows = new Object[t.rows()][];
    for (int i = 0; i < t.rows(); i++) {
      Object[] r = new Object[columns.size()];
      for (int j = 0; j < r.length; j++) {
        r[j] = t.cell(columns.get(j), i);
      }
      rows[i] = r;
    }
  }

  private String base(RoutingContext ctx) {
    HostAndPort a = ctx.request().authority();
    String authority = a == null ? "127.0.0.1:" + http.actualPort() : a.host() + (a.port() > 0 ? ":" + a.port() : "");
    return ctx.request().scheme() + "://" + authority + LIST;
  }

  private void list(RoutingContext ctx) {
    String base = base(ctx);
    int from = 0;
    int to = rows.length;
    int page = 1;
    if (pageSize > 0) {
      try {
        page = Integer.parseInt(ctx.queryParams().get("page") == null ? "1" : ctx.queryParams().get("page"));
      } catch (NumberFormatException e) {
        page = 0;
      }
      if (page < 1 || (page - 1) * (long) pageSize >= Math.max(1, rows.length)) {
        ctx.response().setStatusCode(404).putHeader("content-type", "application/json")
            .end(new JsonObject().put("detail", "Invalid page.").encode());
        return;
      }
      from = (page - 1) * pageSize;
      to = Math.min(rows.length, from + pageSize);
    }
    JsonArray entries = new JsonArray();
    for (int i = from; i < to; i++) {
      entries.add(new JsonObject().put("id", i + 1).put("link", base + "/" + (i + 1)));
    }
    Object body = entries;
    if (pageSize > 0) {
      body = new JsonObject().put("count", rows.length)
          .put("next", to < rows.length ? base + "?page=" + (page + 1) : null)
          .put("previous", page > 1 ? base + "?page=" + (page - 1) : null)
          .put("results", entries);
    }
    ctx.response().putHeader("content-type", "application/json").end(body.toString());
  }

  private void entry(RoutingContext ctx) {
    int id;
    try {
      id = Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      id = -1;
    }
    if (id < 1 || id > rows.length) {
      ctx.response().setStatusCode(404).putHeader("content-type", "application/json")
          .end(new JsonObject().put("detail", "Not found.").encode());
      return;
    }
    JsonObject o = new JsonObject().put("id", id);
    Object[] r = rows[id - 1];
    for (int j = 0; j < names.size(); j++) {
      o.put(names.get(j), r[j]);
    }
    ctx.response().putHeader("content-type", "application/json").end(o.encode());
  }
}
