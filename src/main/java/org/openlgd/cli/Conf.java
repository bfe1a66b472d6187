package org.openlgd.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads from a configuration object whose values come either from a JSON config file (numbers, booleans,
 * arrays) or from the command line (strings). Every bad value gives a message naming the option.
 */
public final class Conf {
  private final JsonObject json;
  private final String context;

  public Conf(JsonObject json, String context) {
    this.json = json == null ? new JsonObject() : json;
    this.context = context;
  }

  public JsonObject json() {
    return json;
  }

  private IllegalArgumentException bad(String key, String expected) {
    return new IllegalArgumentException(context + ": --" + key + " must be " + expected + ", got '" + json.getValue(key) + "'");
  }

  public String string(String key, String dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof JsonObject || v instanceof JsonArray) {
      throw bad(key, "a single value");
    }
    return v.toString();
  }

  public long longValue(String key, long dflt) {
    return longValue(key, dflt, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public long longValue(String key, long dflt, long min, long max) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    long out;
    if (v instanceof Integer || v instanceof Long) {
      out = ((Number) v).longValue();
    } else if (v instanceof String s) {
      try {
        out = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw bad(key, "a whole number");
      }
    } else {
      throw bad(key, "a whole number");
    }
    if (out < min || out > max) {
      throw bad(key, "between " + min + " and " + max);
    }
    return out;
  }

  public int intValue(String key, int dflt, int min, int max) {
    return (int) longValue(key, dflt, min, max);
  }

  public double doubleValue(String key, double dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    double out;
    if (v instanceof Number n) {
      out = n.doubleValue();
    } else if (v instanceof String s) {
      try {
        out = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw bad(key, "a number");
      }
    } else {
      throw bad(key, "a number");
    }
    if (!Double.isFinite(out)) {
      throw bad(key, "a finite number");
    }
    return out;
  }

  public boolean flag(String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "1", "" -> true;
      case "false", "no", "0" -> false;
      default -> throw bad(key, "true or false");
    };
  }

  /** A list given as a JSON array or as one comma-separated string; empty when absent. */
  public List<String> list(String key) {
    Object v = json.getValue(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof JsonArray arr) {
      for (Object o : arr) {
        if (o instanceof JsonObject || o instanceof JsonArray || o == null) {
          throw bad(key, "a list of names");
        }
        out.add(o.toString().trim());
      }
    } else if (v instanceof String s) {
      Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
    } else {
      throw bad(key, "a comma-separated list");
    }
    return out;
  }

  /**
   * A secret given inline ({@code key}) or in a file ({@code fileKey}, read and trimmed), not both; null when neither.
   */
  public String secret(String key, String fileKey) {
    String value = string(key, null);
    String file = string(fileKey, null);
    if (value != null && file != null) {
      throw new IllegalArgumentException(context + ": give --" + key + " or --" + fileKey + ", not both");
    }
    if (file != null) {
      try {
        value = java.nio.file.Files.readString(java.nio.file.Path.of(file)).trim();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(context + ": cannot read --" + fileKey + " " + file + ": " + e.getMessage());
      }
    }
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(context + ": the --" + key + " is empty");
    }
    return value;
  }
}
