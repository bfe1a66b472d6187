package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.openlgd.api.RoundTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of a model server: one entry per request that reaches its data or is refused access, with time,
 * caller, operation, run and round, rows involved and result. Entries go to the {@code openlgd.audit} logger and,
 * when a file is configured, are appended to it as JSON lines (written asynchronously, never on the event loop's
 * time).
 */
public final class AuditLog {
  private static final Logger AUDIT = LoggerFactory.getLogger("openlgd.audit");
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final int serverId;
  private final boolean toLogger;
  private final AsyncFile file;

  private AuditLog(int serverId, boolean toLogger, AsyncFile file) {
    this.serverId = serverId;
    this.toLogger = toLogger;
    this.file = file;
  }

  /**
   * An audit log for server {@code serverId}: to the logger when {@code toLogger}, and appended to {@code path}
   * unless it is null.
   */
  public static Future<AuditLog> open(Vertx vertx, int serverId, boolean toLogger, String path) {
    if (path == null) {
      return Future.succeededFuture(new AuditLog(serverId, toLogger, null));
    }
    return vertx.fileSystem().open(path, new OpenOptions().setAppend(true).setCreate(true).setWrite(true))
        .recover(e -> Future.failedFuture(new IllegalArgumentException("server: cannot open the audit file " + path
            + ": " + e.getMessage())))
        .map(f -> new AuditLog(serverId, toLogger, f));
  }

  /** No trail (a server in the user's own process, such as the standalone fit's). */
  public static AuditLog off() {
    return new AuditLog(0, false, null);
  }

  /**
   * Records one request.
   *
   * @param tag    the run and round the request named (or {@link RoundTag#NONE})
   * @param rows   rows involved in the answer, or -1 when none were touched
   * @param status the HTTP-style status of the outcome (200, 401, 403, ...)
   * @param detail the refusal or error message, or null
   * @return completes when the entry is in the file (at once without a file); fails when it cannot be written
   */
  Future<Void> record(String transport, String caller, String operation, RoundTag tag, long rows, int status, String detail) {
    if (toLogger) {
      AUDIT.info("server={} transport={} caller={} operation={} run={} round={} rows={} status={}{}", serverId, transport,
          caller, operation, tag.run() == null ? "-" : tag.run(), tag.round() < 0 ? "-" : tag.round(),
          rows < 0 ? "-" : rows, status, detail == null ? "" : " detail=" + detail);
    }
    if (file != null) {
      JsonObject line = new JsonObject().put("time", Instant.now().toString()).put("server", serverId)
          .put("transport", transport).put("caller", caller).put("operation", operation)
          .put("run", tag.run()).put("round", tag.round() < 0 ? null : tag.round())
          .put("rows", rows < 0 ? null : rows).put("status", status).put("detail", detail);
      return file.write(Buffer.buffer(line.encode()).appendByte((byte) '\n'))
          .onFailure(e -> LOG.error("server {}: cannot write the audit file: {}", serverId, e.getMessage()));
    }
    return Future.succeededFuture();
  }

  /** Flushes and closes the file, if any. */
  Future<Void> close() {
    return file == null ? Future.succeededFuture() : file.close();
  }
}
