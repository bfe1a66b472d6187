package org.openlgd.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.openlgd.config.JsonDefaults;
import org.openlgd.config.Options;
import org.openlgd.data.DataFormatException;
import org.openlgd.stats.EstimationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The command line of {@code openlgd.jar}: picocli commands, one class each, whose options (and their mixins) are
 * declared once; {@code -conf FILE} supplies their defaults. Exit codes: 0 success, 1 the work failed, 2 bad usage or
 * configuration; -1 means "keep running" (a server).
 */
public final class Cli {
  private Cli() {
  }

  /** The whole command tree (for the overview and the reference), with openlgd's converters and parser settings. */
  static CommandLine commandLine() {
    CommandLine root = Options.configure(new CommandLine(new Openlgd()));
    root.setUsageHelpWidth(110);
    root.getSubcommands().values().forEach(c -> c.getCommandSpec().usageMessage().showDefaultValues(true));
    return root;
  }

  /** One command alone, or null for an unknown name: a run builds only the command it runs. */
  static CommandLine command(String name) {
    for (Class<?> c : Openlgd.class.getAnnotation(Command.class).subcommands()) {
      if (c.getAnnotation(Command.class).name().equals(name)) {
        try {
          CommandLine cl = Options.configure(new CommandLine(c.getDeclaredConstructor().newInstance()));
          cl.setUsageHelpWidth(110);
          cl.getCommandSpec().usageMessage().showDefaultValues(true);
          return cl;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return null;
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
      (args.length == 0 ? err : out).print(commandLine().getUsageMessage());
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    CommandLine sub = command(command);
    if (sub == null) {
      err.println("openlgd: unknown command '" + command + "'");
      err.print(commandLine().getUsageMessage());
      return 2;
    }
    try {
      Subcommand cmd = parse(sub, Arrays.copyOfRange(args, 1, args.length));
      if (cmd.help) {
        out.print(sub.getUsageMessage());
        return 0;
      }
      cmd.out = out;
      cmd.err = err;
      return cmd.run();
    } catch (EstimationException e) {
      return fail(err, command, e.getMessage(), 1); // the data's problem, not the command line's
    } catch (IllegalArgumentException e) {
      return fail(err, command, e.getMessage(), 2);
    } catch (DataFormatException e) {
      return fail(err, command, e.getMessage(), 1);
    } catch (ExecutionException e) {
      return fail(err, command, e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), 1);
    } catch (Exception e) {
      return fail(err, command, e.getMessage() == null ? e.toString() : e.getMessage(), 1);
    }
  }

  /** "openlgd COMMAND: message" on stderr (the message's own "COMMAND: " prefix dropped); returns {@code code}. */
  private static int fail(PrintStream err, String command, String message, int code) {
    String m = message != null && message.startsWith(command + ": ") ? message.substring(command.length() + 2) : message;
    err.println("openlgd " + command + ": " + m);
    return code;
  }

  /**
   * The options of {@code command} as given by {@code args}: the {@code -conf} file's keys, overridden by the command
   * line's options. Throws {@link IllegalArgumentException} for bad usage.
   */
  public static JsonObject given(String command, String... args) {
    return parse(command(command), args).given;
  }

  /** Parses a command's {@code args} with the {@code -conf} file's defaults. */
  private static Subcommand parse(CommandLine cl, String[] args) {
    String name = cl.getCommandName();
    JsonObject conf = confFile(name, args);
    cl.setDefaultValueProvider(new JsonDefaults(conf));
    ParseResult result;
    try {
      result = cl.parseArgs(args);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(usage(cl.getCommandSpec(), e), e);
    } catch (CommandLine.PicocliException e) {
      throw new IllegalArgumentException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
    }
    for (String key : conf.fieldNames()) {
      if (cl.getCommandSpec().findOption("--" + key) == null && !(key.equals("instances") && name.equals("server"))) {
        throw new IllegalArgumentException("unknown key '" + key + "' in the config file; keys are " + names(cl.getCommandSpec()));
      }
    }
    Subcommand cmd = cl.getCommand();
    cmd.given = given(result, conf);
    return cmd;
  }

  /** The file named by {@code -conf FILE} (or {@code --conf}), as JSON; empty without one. */
  private static JsonObject confFile(String command, String[] args) {
    JsonObject conf = new JsonObject();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-conf") || args[i].equals("--conf")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a file name");
        }
        conf = JsonDefaults.read(args[++i]);
      }
    }
    return conf;
  }

  private static JsonObject given(ParseResult result, JsonObject conf) {
    JsonObject out = conf.copy();
    for (OptionSpec o : result.matchedOptions()) {
      String key = o.longestName().replaceFirst("^-+", "");
      List<String> values = o.originalStringValues();
      if (key.equals("conf") || o.usageHelp()) {
        continue;
      }
      if (o.type() == boolean.class || o.type() == Boolean.class) {
        out.put(key, o.getValue());
      } else if (o.isMultiValue()) {
        List<String> items = new ArrayList<>();
        values.forEach(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add));
        out.put(key, new JsonArray(items));
      } else {
        out.put(key, values.get(values.size() - 1));
      }
    }
    return out;
  }

  /** The message of a bad command line, in openlgd's words. */
  private static String usage(CommandSpec spec, ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      return arg.startsWith("-")
          ? "unknown option " + arg.split("=", 2)[0] + "; options are " + names(spec)
          : "unexpected argument '" + arg + "'; options look like --name value";
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
        && m.getMissing().get(0) instanceof OptionSpec o) {
      return o.longestName() + " needs a value";
    }
    return Options.describe(e);
  }

  private static String names(CommandSpec spec) {
    Set<String> s = new TreeSet<>();
    spec.options().forEach(o -> s.add(o.longestName()));
    return String.join(" ", s);
  }
}
