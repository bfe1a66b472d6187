package org.openlgd.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The checks every configuration shares; each message names the command and the option. */
public final class Check {
  private Check() {
  }

  /** {@code value} of {@code --option}, checked to lie in [min, max]. */
  public static long range(String context, String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(context + ": --" + option + " must be between " + min + " and " + max
          + ", got '" + value + "'");
    }
    return value;
  }

  public static int range(String context, String option, int value, int min, int max) {
    return (int) range(context, option, (long) value, min, max);
  }

  /** The items of a list option, trimmed, without empty ones. */
  public static List<String> list(List<String> items) {
    return items == null ? List.of() : items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A secret given inline or in a file (read and trimmed), not both; null when neither. */
  public static String secret(String context, String option, String value, String file) {
    if (value != null && file != null) {
      throw new IllegalArgumentException(context + ": give --" + option + " or --" + option + "-file, not both");
    }
    String out = value;
    if (file != null) {
      try {
        out = Files.readString(Path.of(file)).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException(context + ": cannot read --" + option + "-file " + file + ": " + e.getMessage());
      }
    }
    if (out != null && out.isBlank()) {
      throw new IllegalArgumentException(context + ": the --" + option + " is empty");
    }
    return out;
  }
}
