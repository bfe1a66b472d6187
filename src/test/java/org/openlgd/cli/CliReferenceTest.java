package org.openlgd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

@DisplayName("The option reference: declared once, documented and helped from the declarations")
class CliReferenceTest {
  private static final Path DOC = Path.of("docs/cli.md");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
  /** Options of other programs that the docs mention (the JVM, Maven, Chromium, curl, scripts, bin/openlgd itself). */
  private static final Set<String> FOREIGN = Set.of("--headless", "--no-sandbox", "--disable-gpu", "--screenshot",
      "--window-size", "--hide-scrollbars", "--release", "--add-opens", "--add-exports", "--add-modules", "--runs-json",
      "--openlgd", "--prepare", "--verify");

  @Test
  @DisplayName("docs/cli.md's option tables are exactly the ones generated from the declarations")
  void referenceInSync() throws Exception {
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(OptionReference.BEGIN);
    int end = doc.indexOf(OptionReference.END);
    assertThat(begin).as("docs/cli.md holds the generated reference between its markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String generated = OptionReference.markdown();
    String current = doc.substring(begin + OptionReference.BEGIN.length(), end);
    if (!current.equals(generated) && Boolean.getBoolean("openlgd.docs.update")) {
      Files.writeString(DOC, doc.substring(0, begin + OptionReference.BEGIN.length()) + generated + doc.substring(end));
      current = generated;
    }
    assertThat(current).as("docs/cli.md is stale; regenerate it as its marker says").isEqualTo(generated);
  }

  @Test
  @DisplayName("every command's --help lists all its declared options, and names no option that no command declares")
  void helpListsTheDeclaredOptions() {
    Set<String> anyCommand = new TreeSet<>();
    Cli.commandLine().getSubcommands().values().forEach(c -> c.getCommandSpec().options().forEach(o -> anyCommand.addAll(List.of(o.names()))));
    for (CommandLine cl : Cli.commandLine().getSubcommands().values()) {
      String name = cl.getCommandName();
      CliRunner.Run help = CliRunner.cli(name, "--help");
      assertThat(help.code()).as(name).isZero();
      Set<String> declared = new TreeSet<>();
      cl.getCommandSpec().options().forEach(o -> declared.addAll(List.of(o.names())));
      Set<String> shown = new TreeSet<>();
      Matcher m = OPTION.matcher(help.out());
      while (m.find()) {
        shown.add(m.group());
      }
      Set<String> longNames = new TreeSet<>(declared.stream().filter(n -> n.startsWith("--")).toList());
      assertThat(shown).as("options in %s --help", name).containsAll(longNames);
      assertThat(anyCommand).as("every option %s --help names is declared", name).containsAll(shown);
    }
  }

  @Test
  @DisplayName("every option that README and docs/ mention is one that some command declares")
  void docsMentionOnlyDeclaredOptions() throws Exception {
    Set<String> declared = new TreeSet<>();
    for (CommandLine cl : Cli.commandLine().getSubcommands().values()) {
      for (OptionSpec o : cl.getCommandSpec().options()) {
        declared.addAll(List.of(o.names()));
      }
    }
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).forEach(docs::add);
    }
    for (Path doc : docs) {
      Matcher m = OPTION.matcher(Files.readString(doc));
      Set<String> unknown = new TreeSet<>();
      while (m.find()) {
        if (!declared.contains(m.group()) && !FOREIGN.contains(m.group())) {
          unknown.add(m.group());
        }
      }
      assertThat(unknown).as("options mentioned in %s that no command declares", doc).isEmpty();
    }
  }
}
