package org.openlgd.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses {@code <command> [-conf FILE] [--name value | --name=value | --flag] ...} into one JSON object: the config
 * file's keys (the long option names), overridden by the options given on the command line. A list option
 * ({@link #LISTS}) given several times collects its values; any other option given twice keeps the last value.
 */
public final class CommandLine {
  /** Options whose values are lists: repeating them adds to the list. */
  static final java.util.Set<String> LISTS = java.util.Set.of("data", "servers", "features", "urls");

  private CommandLine() {
  }

  /**
   * @param args    the arguments after the command name
   * @param options option name to whether it takes a value (false: a flag)
   */
  public static JsonObject parse(String command, String[] args, Map<String, Boolean> options) {
    JsonObject fromFile = new JsonObject();
    JsonObject given = new JsonObject();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-conf") || a.equals("--conf")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(command + ": " + a + " needs a file name");
        }
        fromFile = readConf(args[++i]);
        continue;
      }
      if (!a.startsWith("--") || a.length() == 2) {
        throw new IllegalArgumentException(command + ": unexpected argument '" + a + "'; options look like --name value");
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Boolean takesValue = options.get(name);
      if (takesValue == null) {
        throw new IllegalArgumentException(command + ": unknown option --" + name + "; options are " + names(options));
      }
      if (takesValue) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(command + ": --" + name + " needs a value");
          }
          value = args[++i];
        }
        Object before = given.getValue(name);
        if (before == null || !LISTS.contains(name)) {
          given.put(name, value);
        } else if (before instanceof io.vertx.core.json.JsonArray arr) {
          arr.add(value);
        } else {
          given.put(name, new io.vertx.core.json.JsonArray().add(before).add(value));
        }
      } else {
        given.put(name, value == null ? Boolean.TRUE : value);
      }
    }
    for (String key : fromFile.fieldNames()) {
      if (!options.containsKey(key) && !key.equals("instances")) {
        throw new IllegalArgumentException(command + ": unknown key '" + key + "' in the config file; keys are " + names(options));
      }
    }
    return fromFile.mergeIn(given);
  }

  private static String names(Map<String, Boolean> options) {
    Set<String> s = new TreeSet<>();
    options.keySet().forEach(k -> s.add("--" + k));
    s.add("-conf");
    return String.join(" ", s);
  }

  static JsonObject readConf(String file) {
    String text;
    try {
      text = Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such config file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
      throw new IllegalArgumentException(file + ": not a JSON object: " + msg);
    }
  }
}
