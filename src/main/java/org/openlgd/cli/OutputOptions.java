package org.openlgd.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import org.openlgd.coordinator.ConsoleReport;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import picocli.CommandLine.Option;

/** How a fitting command reports: the human account, or one JSON line. */
final class OutputOptions {
  @Option(names = "--json",
      description = "print only the result, as one JSON object on the last line of stdout")
  boolean json;
  @Option(names = "--verbose",
      description = "also print every server's estimate in every epoch")
  boolean verbose;

  /** The console report of a run by {@code label}, or none with --json. */
  RunListener report(PrintStream out, String label) {
    return json ? RunListener.NONE : new ConsoleReport(out, label, verbose);
  }

  /** Prints the result line with --json. */
  void result(PrintStream out, FederatedResult r) {
    if (json) {
      JsonObject line = r.toJson();
      out.println(line.encode());
    }
  }
}
