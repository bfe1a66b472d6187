package org.openlgd.cli;

import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The option reference of {@code docs/cli.md}, written from the option declarations themselves: one table per
 * command with every option, its default and its meaning. A test keeps the file equal to it.
 */
public final class OptionReference {
  /** The lines that enclose the generated part of {@code docs/cli.md}. */
  public static final String BEGIN = "<!-- option reference: generated from the option declarations by OptionReference; "
      + "regenerate with: mvn -q test -Dtest=CliReferenceTest -Dopenlgd.docs.update=true -->";
  public static final String END = "<!-- end of option reference -->";

  private OptionReference() {
  }

  /** The reference of every command, as Markdown. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    for (CommandLine cl : Cli.commandLine().getSubcommands().values()) {
      CommandSpec spec = cl.getCommandSpec();
      md.append("\n### `").append(spec.name()).append("`\n\n")
          .append(cell(String.join(". ", spec.usageMessage().description()))).append(".\n\n")
          .append("| option | default | meaning |\n| --- | --- | --- |\n");
      for (OptionSpec o : options(spec)) {
        String dflt = o.defaultValue() == null ? "" : "`" + o.defaultValue() + "`";
        md.append("| `").append(cell(String.join("`, `", o.names()) + (o.arity().max() > 0 ? " " + o.paramLabel() : "")))
            .append("` | ").append(dflt).append(" | ").append(cell(String.join(" ", o.description()))).append(" |\n");
      }
    }
    return md.toString();
  }

  /** A command's options, in the order of its help: by name. */
  public static List<OptionSpec> options(CommandSpec spec) {
    return spec.options().stream().sorted(Comparator.comparing(o -> o.longestName().replaceFirst("^-+", ""))).toList();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
