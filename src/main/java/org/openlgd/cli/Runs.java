package org.openlgd.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.openlgd.config.RecordOptions;
import org.openlgd.coordinator.RunListener;
import org.openlgd.coordinator.RunRecord;

/** What the long-running and the recording commands share: run records, and stopping cleanly. */
final class Runs {
  private Runs() {
  }

  /** The run record of a coordinating command, or null with --record false. */
  static RunRecord record(RecordOptions options, String command, JsonObject given) {
    return options.record() ? new RunRecord(Path.of(options.runsDir()), command, given) : null;
  }

  /** {@code report}, and the record if there is one. */
  static RunListener with(RunListener report, RunRecord record) {
    return record == null ? report : RunListener.both(report, record);
  }

  /** Waits for the record's files and says where they are. */
  static void close(RunRecord record, PrintStream to) {
    if (record != null) {
      record.close();
      if (record.directory() != null) {
        to.println("Run record: " + record.directory());
      }
    }
  }

  /**
   * Closes {@code vertx} (undeploying its verticles, leaving a cluster) when the JVM is asked to stop; the latch opens
   * once that is done.
   */
  static CountDownLatch closeOnShutdown(Vertx vertx) {
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Await.result(vertx.close());
      } catch (Exception ignored) {
        // exiting anyway
      }
      closed.countDown();
    }, "openlgd-shutdown"));
    return closed;
  }
}
