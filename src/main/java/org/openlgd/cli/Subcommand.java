package org.openlgd.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One command of {@code openlgd.jar}: its options are declared once, as picocli fields of the subclass and its
 * mixins. {@link Cli} parses them (the {@code -conf} file giving defaults), then hands over the streams and the
 * options as given.
 */
abstract class Subcommand implements Callable<Integer> {
  @Option(names = {"-conf", "--conf"}, paramLabel = "FILE",
      description = "a JSON object of options keyed by their long names (lists as arrays or comma-separated); "
          + "options on the command line override it")
  String conf;
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  PrintStream out;
  PrintStream err;
  /** The options as given: the config file's, overridden by the command line's (for run records). */
  JsonObject given;

  /** The command's name, as typed. */
  String name() {
    return getClass().getAnnotation(Command.class).name();
  }

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  /** The exit code: 0 success, 1 the work failed, 2 bad usage; -1 keeps the process running (a server). */
  abstract int run() throws Exception;
}
