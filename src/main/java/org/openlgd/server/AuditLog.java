package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.openlgd.api.RoundTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of a model server: one entry per request that reaches its data or is refused access, with time,
 * caller, operation, run and round, rows involved and result. Entries go to the {@code openlgd.audit} logger and,
 * when a file is configured, are appended to it as JSON lines: by a worker thread of the JVM's {@value #WRITER} pool
 * (never on an event loop), each line with one write to a channel opened for appending, so that several servers (of
 * one JVM, as in {@code simulate}, or of several) can share a file without losing or mixing lines.
 */
public final class AuditLog {
  private static final Logger AUDIT = LoggerFactory.getLogger("openlgd.audit");
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  /** The worker pool the audit files of a JVM are written by (one thread: lines keep their order). */
  static final String WRITER = "openlgd-audit";

  private final int serverId;
  private final boolean toLogger;
  private final FileChannel file;
  private final WorkerExecutor writer;

  private AuditLog(int serverId, boolean toLogger, FileChannel file, WorkerExecutor writer) {
    this.serverId = serverId;
    this.toLogger = toLogger;
    this.file = file;
    this.writer = writer;
  }

  /**
   * An audit log for server {@code serverId}: to the logger when {@code toLogger}, and appended to {@code path}
   * unless it is null.
   */
  public static Future<AuditLog> open(Vertx vertx, int serverId, boolean toLogger, String path) {
    if (path == null) {
      return Future.succeededFuture(new AuditLog(serverId, toLogger, null, null));
    }
    WorkerExecutor writer = vertx.createSharedWorkerExecutor(WRITER, 1);
    return writer.executeBlocking(() -> FileChannel.open(Path.of(path), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND), false)
        .recover(e -> Future.failedFuture(new IllegalArgumentException("server: cannot open the audit file " + path
            + ": " + e.getMessage())))
        .map(f -> new AuditLog(serverId, toLogger, f, writer));
  }

  /** No trail (a server in the user's own process, such as the standalone fit's). */
  public static AuditLog off() {
    return new AuditLog(0, false, null, null);
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
      ByteBuffer bytes = ByteBuffer.wrap((line.encode() + "\n").getBytes(StandardCharsets.UTF_8));
      return writer.<Void>executeBlocking(() -> {
        while (bytes.hasRemaining()) {
          file.write(bytes);
        }
        return null;
      }, true).onFailure(e -> LOG.error("server {}: cannot write the audit file: {}", serverId, e.toString()));
    }
    return Future.succeededFuture();
  }

  /** Closes the file, if any, once the lines before have been written. */
  Future<Void> close() {
    if (file == null) {
      return Future.succeededFuture();
    }
    return writer.<Void>executeBlocking(() -> {
      file.close();
      return null;
    }, true).eventually(writer::close);
  }
}
