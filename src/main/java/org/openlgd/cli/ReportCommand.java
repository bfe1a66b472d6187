package org.openlgd.cli;

import java.nio.file.Path;
import org.openlgd.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", description = "a self-contained HTML report (plots and tables) of one run record")
final class ReportCommand extends Subcommand {
  @Option(names = "--run", paramLabel = "DIR", description = "a run record directory, e.g. runs/20261127-101500-run-...")
  String run;
  @Option(names = "--out", paramLabel = "FILE", description = "where to write the report (default: DIR/report.html)")
  String target;

  @Override
  int run() throws Exception {
    if (run == null) {
      throw new IllegalArgumentException("--run DIR (a run record directory, e.g. runs/20261127-101500-run-...) is required");
    }
    Path dir = Path.of(run);
    Path file = target == null ? dir.resolve("report.html") : Path.of(target);
    Report.write(dir, file);
    out.println("report written to " + file);
    return 0;
  }
}
