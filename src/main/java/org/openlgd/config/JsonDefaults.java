package org.openlgd.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A JSON object whose keys are long option names, as the default values of those options: how a {@code -conf} file,
 * or a verticle's JSON config, feeds the same option declarations as the command line (which overrides it). Numbers
 * and booleans are read as their text; arrays as comma-separated lists.
 */
public final class JsonDefaults implements IDefaultValueProvider {
  private final JsonObject json;

  public JsonDefaults(JsonObject json) {
    this.json = json == null ? new JsonObject() : json;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o)) {
      return null;
    }
    String key = o.longestName().replaceFirst("^-+", "");
    Object v = json.getValue(key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonArray arr) {
      List<String> items = new ArrayList<>();
      for (Object item : arr) {
        if (item == null || item instanceof JsonObject || item instanceof JsonArray) {
          throw new IllegalArgumentException("--" + key + " must be a list of names");
        }
        items.add(item.toString());
      }
      return String.join(",", items);
    }
    if (v instanceof JsonObject) {
      throw new IllegalArgumentException("--" + key + " must be a single value, got an object");
    }
    return v.toString();
  }

  /** Reads a JSON config file; the message of a failure names the file. */
  public static JsonObject read(String file) {
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
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException(file + ": not a JSON object: " + msg);
    }
  }
}
