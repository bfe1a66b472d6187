package org.openlgd.cli;

import picocli.CommandLine.Command;

/** The command tree of {@code java -jar openlgd.jar}. */
@Command(name = "openlgd",
    synopsisHeading = "usage: ", customSynopsis = "java -jar openlgd.jar <command> [-conf FILE] [options]   (<command> --help for its options)",
    description = "Federated estimation of credit-risk Loss Given Default models.",
    commandListHeading = "%ncommands:%n",
    footer = {"", "models (--model): sgd (federated averaging, the original openLGD), ols, fractional-logit, beta, two-stage "
        + "(exact), cure-logit and total-loss-logit (the logistic stages of two-stage)",
        "Every option can also come from the JSON file given with -conf (keys are the long option names); options on "
            + "the command line override it."},
    subcommands = {StandaloneCommand.class, ServerCommand.class, CoordinatorCommand.class, SimulateCommand.class,
        DataNodeCommand.class, GenerateCommand.class, BenchCommand.class, DashboardCommand.class, ReportCommand.class,
        CompareCommand.class, DescribeCommand.class, SoakCommand.class, KeygenCommand.class, TrainingCommand.class})
final class Openlgd {
}
