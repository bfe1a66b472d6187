package org.openlgd.cli;

import java.util.ArrayList;
import java.util.List;
import org.openlgd.config.ColumnsOptions;
import org.openlgd.config.ModelOptions;
import org.openlgd.config.SgdOptions;
import org.openlgd.coordinator.FederatedResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "standalone", description = "fit on local data (several files are pooled): the non-federated reference, "
    + "run as a federation of one server in this process")
final class StandaloneCommand extends Subcommand {
  @Option(names = "--data", paramLabel = "FILE[,FILE...]", split = ",", description = "CSV file(s) with a header; several are pooled")
  List<String> data = new ArrayList<>();
  @Mixin
  ColumnsOptions columns;
  @Mixin
  ModelOptions model;
  @Mixin
  SgdOptions sgd;
  @Mixin
  OutputOptions output;

  @Override
  int run() throws Exception {
    List<String> files = data.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (files.isEmpty()) {
      throw new IllegalArgumentException("--data FILE is required");
    }
    FederatedResult r = Standalone.run(files, columns, model.model(), model.fit("standalone"), sgd.seed(1), sgd.eta0(),
        output.report(out, "standalone"));
    output.result(out, r);
    return 0;
  }
}
