package org.openlgd.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.config.RecordOptions;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import org.openlgd.coordinator.RunRecord;

/** What the long-running and the recording commands share: run records, and stopping cleanly. */
final class Runs {
  private Runs() {
  }

  /**
   * Runs one federated estimation by a coordinator deployed on {@code vertx}, reports it as {@code label} (or prints
   * the result line with --json), records it, and closes {@code vertx}. Returns the exit code.
   */
  static int coordinate(Subcommand cmd, Vertx vertx, CoordinatorConfig cfg, boolean localBus, OutputOptions output,
                        RunRecord record) throws ExecutionException {
    int code;
    try {
      CoordinatorVerticle verticle = new CoordinatorVerticle(cfg, with(output.report(cmd.out, cmd.name()), record), localBus);
      FederatedResult r = Await.result(vertx.deployVerticle(verticle).compose(id -> verticle.result()));
      output.result(cmd.out, r);
      code = 0;
    } catch (ExecutionException | RuntimeException e) {
      cmd.err.println("openlgd " + cmd.name() + ": " + e.getMessage());
      code = 1;
    } finally {
      cmd.out.flush();
      Await.result(vertx.close());
    }
    return close(cmd, record, output.json ? cmd.err : cmd.out) ? code : Math.max(code, 1);
  }

  /** The run record of a coordinating command, or null with --record false. */
  static RunRecord record(RecordOptions options, String command, JsonObject given) {
    return options.record() ? new RunRecord(Path.of(options.runsDir()), command, given) : null;
  }

  /** {@code report}, and the record if there is one. */
  static RunListener with(RunListener report, RunRecord record) {
    return record == null ? report : RunListener.both(report, record);
  }

  /**
   * Waits for the record's files and says where they are; false, with an error on stderr and no path, when any of
   * them could not be written.
   */
  static boolean close(Subcommand cmd, RunRecord record, PrintStream to) {
    if (record == null) {
      return true;
    }
    record.close();
    if (!record.failures().isEmpty()) {
      cmd.err.println("openlgd " + cmd.name() + ": error: the run record could not be written"
          + (record.directory() == null ? "" : " in " + record.directory()) + ": " + String.join("; ", record.failures()));
      return false;
    }
    if (record.directory() != null) {
      to.println("Run record: " + record.directory());
    }
    return true;
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
