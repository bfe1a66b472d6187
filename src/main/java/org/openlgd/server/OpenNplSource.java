package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openlgd.api.Backoff;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Table;
import org.openlgd.formula.Formula;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows from an openNPL-style REST API, as the original openLGD's second demo reads them: the list
 * {@code {base}/api/npl_data/counterparties} (a bare JSON array, or DRF pages {@code {"count", "next", "results"}}
 * followed through {@code next}), whose entries carry {@code link}s; then every entry, fetched with bounded
 * concurrency. The target and features are fields of the entries (default: the original's
 * {@code cash_and_cash_equivalent_items} ~ {@code current_assets}), or the variables of the server's formula and its
 * weights; a field holds a number, text (a categorical) or null (missing). Every request has a timeout; connection
 * errors, timeouts and 5xx replies are retried with exponential backoff and jitter, other 4xx are not. An entry
 * without a wanted field fails the load naming the entry's URL and the field.
 */
final class OpenNplSource implements DataSource {
  private static final Logger LOG = LoggerFactory.getLogger(OpenNplSource.class);
  static final String LIST_PATH = "/api/npl_data/counterparties";
  static final String DEFAULT_TARGET = "cash_and_cash_equivalent_items";
  static final List<String> DEFAULT_FEATURES = List.of("current_assets");

  private final Vertx vertx;
  private final ServerConfig.Fetch cfg;
  private final String base;
  /** The fields read from every entry: the formula's variables and weights, else the target and features. */
  private final List<String> fields;

  OpenNplSource(Vertx vertx, ServerConfig.Data data) {
    this.vertx = vertx;
    this.cfg = data.fetch();
    this.base = data.source().endsWith("/") ? data.source().substring(0, data.source().length() - 1) : data.source();
    List<String> wanted = new ArrayList<>();
    if (data.formula() != null) {
      wanted.addAll(Formula.parse(data.formula()).columns());
    } else {
      wanted.add(data.target() == null ? DEFAULT_TARGET : data.target());
      wanted.addAll(data.features().isEmpty() ? DEFAULT_FEATURES : data.features());
    }
    if (data.weights() != null && !wanted.contains(data.weights())) {
      wanted.add(data.weights());
    }
    this.fields = List.copyOf(wanted);
  }

  @Override
  public String describe() {
    return base + LIST_PATH;
  }

  @Override
  public Future<Table> load() {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
        .setConnectTimeout((int) cfg.timeoutMs()), new PoolOptions().setHttp1MaxSize(Math.max(1, cfg.concurrency())));
    List<String> links = new ArrayList<>();
    long t0 = System.nanoTime();
    return listPage(client, base + LIST_PATH, links, 0)
        .compose(x -> fetchEntries(client, links))
        .map(rows -> {
          LOG.info("loaded {} entries from {} in {} ms", rows.length, describe(), (System.nanoTime() - t0) / 1_000_000);
          return toTable(rows);
        })
        .eventually(() -> {
          client.close();
          return Future.succeededFuture();
        });
  }

  /** Follows the list (and its pages), collecting entry links. */
  private Future<Void> listPage(WebClient client, String url, List<String> links, int page) {
    if (page > 100_000) {
      return Future.failedFuture(new SourceException(url + ": more than 100000 pages; is 'next' looping?"));
    }
    return getJson(client, url).compose(body -> {
      JsonArray entries;
      String next = null;
      if (body instanceof JsonArray arr) {
        entries = arr;
      } else if (body instanceof JsonObject obj && obj.getValue("results") instanceof JsonArray res) {
        entries = res;
        next = obj.getValue("next") instanceof String s && !s.isBlank() ? s : null;
      } else {
        return Future.failedFuture(new SourceException(url + ": expected a JSON array of entries or a page"
            + " {\"results\": [...], \"next\": ...}"));
      }
      for (int i = 0; i < entries.size(); i++) {
        Object e = entries.getValue(i);
        if (!(e instanceof JsonObject entry) || !(entry.getValue("link") instanceof String link) || link.isBlank()) {
          return Future.failedFuture(new SourceException(url + ": entry " + i + " has no 'link'"));
        }
        links.add(link);
      }
      return next == null ? Future.succeededFuture() : listPage(client, next, links, page + 1);
    });
  }

  /** Fetches every entry with at most {@code fetchConcurrency} requests in flight; rows in list order. */
  private Future<Object[][]> fetchEntries(WebClient client, List<String> links) {
    Object[][] rows = new Object[links.size()][];
    Promise<Object[][]> done = Promise.promise();
    AtomicInteger nextIndex = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    int workers = Math.max(1, Math.min(cfg.concurrency(), links.size()));
    if (links.isEmpty()) {
      return Future.failedFuture(new SourceException(describe() + ": the list has no entries"));
    }
    int step = Math.max(1, links.size() / 10);
    Runnable[] worker = new Runnable[1];
    worker[0] = () -> {
      int i = nextIndex.getAndIncrement();
      if (i >= links.size() || done.future().isComplete()) {
        return;
      }
      String link = links.get(i);
      getJson(client, link).compose(body -> row(link, body)).onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
          return;
        }
        rows[i] = ar.result();
        int n = finished.incrementAndGet();
        if (n % step == 0 && links.size() >= 1000) {
          LOG.info("{}: {} of {} entries", describe(), n, links.size());
        }
        if (n == links.size()) {
          done.tryComplete(rows);
        } else {
          worker[0].run();
        }
      });
    };
    for (int w = 0; w < workers; w++) {
      worker[0].run();
    }
    return done.future();
  }

  /**
   * One entry's fields: a number (or a string holding one) as a Double, other text as a String, JSON null as missing
   * (null); a field the entry lacks, or a number that is not finite, fails the load naming the entry and field.
   */
  private Future<Object[]> row(String link, Object body) {
    if (!(body instanceof JsonObject entry)) {
      return Future.failedFuture(new SourceException(link + ": the entry is not a JSON object"));
    }
    Object[] row = new Object[fields.size()];
    for (int j = 0; j < fields.size(); j++) {
      String field = fields.get(j);
      if (!entry.containsKey(field)) {
        return Future.failedFuture(new SourceException(link + ": field '" + field + "' is missing"));
      }
      Object v = entry.getValue(field);
      if (v instanceof Number num) {
        if (!Double.isFinite(num.doubleValue())) {
          return Future.failedFuture(new SourceException(link + ": field '" + field + "' is not a finite number"));
        }
        row[j] = num.doubleValue();
      } else if (v instanceof String s) {
        String t = s.trim();
        row[j] = t.isEmpty() ? null : Table.isNumber(t) ? (Object) Double.parseDouble(t) : t;
      } else if (v != null) {
        return Future.failedFuture(new SourceException(link + ": field '" + field + "' is neither a number nor text"));
      }
    }
    return Future.succeededFuture(row);
  }

  private Table toTable(Object[][] rows) {
    Map<String, Table.Column> columns = new LinkedHashMap<>();
    for (int j = 0; j < fields.size(); j++) {
      List<Object> cells = new ArrayList<>(rows.length);
      for (Object[] r : rows) {
        cells.add(r[j]);
      }
      columns.put(fields.get(j), Table.column(cells));
    }
    return new Table(describe(), columns);
  }

  /** GET with timeout, retried on transient failures; the parsed JSON body. */
  private Future<Object> getJson(WebClient client, String url) {
    return attempt(client, url, 0);
  }

  private Future<Object> attempt(WebClient client, String url, int tries) {
    HttpRequest<Buffer> req = client.getAbs(url).timeout(cfg.timeoutMs());
    if (cfg.token() != null) {
      req.bearerTokenAuthentication(cfg.token());
    }
    return req.send().transform(ar -> {
      boolean transient_;
      String problem;
      if (ar.failed()) {
        transient_ = true;
        problem = ar.cause().getMessage();
      } else {
        HttpResponse<Buffer> resp = ar.result();
        if (resp.statusCode() == 200) {
          try {
            return Future.succeededFuture(resp.body() == null ? null : Json.decodeValue(resp.body()));
          } catch (DecodeException e) {
            return Future.failedFuture(new SourceException(url + ": the reply is not JSON"));
          }
        }
        transient_ = resp.statusCode() >= 500 || resp.statusCode() == 429;
        problem = "HTTP " + resp.statusCode();
      }
      if (!transient_ || tries >= cfg.retries()) {
        return Future.failedFuture(new SourceException(url + ": " + problem
            + (transient_ ? " (after " + (tries + 1) + " attempts)" : ""), ar.failed()));
      }
      long delay = Backoff.delayMs(100, tries, 10_000);
      Promise<Object> retried = Promise.promise();
      vertx.setTimer(Math.max(1, delay), t -> attempt(client, url, tries + 1).onComplete(retried));
      return retried.future();
    });
  }
}
