package org.openlgd.config;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.function.Supplier;
import org.openlgd.config.CoordinatorConfig.Transport;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Covariance;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * Binds option declarations (picocli-annotated classes, each option declared once) to their values: on the command
 * line, and from JSON objects whose keys are the long option names ({@code -conf} files, verticle configs, the
 * dashboard's run form). Both ways share the converters and the messages, which name the option.
 */
public final class Options {
  private Options() {
  }

  /** The options object with its values from {@code json} (no command line); {@code context} prefixes messages. */
  public static <T> T bind(T options, JsonObject json, String context) {
    CommandLine cl = configure(new CommandLine(options));
    cl.setDefaultValueProvider(new JsonDefaults(json));
    try {
      cl.parseArgs();
    } catch (ParameterException e) {
      throw new IllegalArgumentException(message(context, e), e);
    } catch (CommandLine.PicocliException e) {
      throw new IllegalArgumentException(context + ": " + rootMessage(e), e);
    }
    return options;
  }

  /** The converters and parser settings every openlgd command line uses. */
  public static CommandLine configure(CommandLine cl) {
    cl.setOverwrittenOptionsAllowed(true);
    cl.setInterpolateVariables(false);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(Integer.class, whole(Integer::parseInt)).registerConverter(int.class, whole(Integer::parseInt));
    cl.registerConverter(Long.class, whole(Long::parseLong)).registerConverter(long.class, whole(Long::parseLong));
    cl.registerConverter(Double.class, Options::number).registerConverter(double.class, Options::number);
    cl.registerConverter(Boolean.class, Options::flag).registerConverter(boolean.class, Options::flag);
    cl.registerConverter(Model.class, s -> convert(() -> Model.parse(s)));
    cl.registerConverter(Covariance.class, s -> convert(() -> Covariance.parse(s)));
    cl.registerConverter(BetaRegression.Boundary.class, s -> convert(() -> BetaRegression.Boundary.parse(s)));
    cl.registerConverter(Transport.class, s -> convert(() -> Transport.parse(s)));
    return cl;
  }

  /**
   * The message of a bad option value: {@code "<context>: --<option> must be ..."}, or the converter's own when it
   * names what is wrong ({@code unknown model 'x'; ...}).
   */
  public static String message(String context, ParameterException e) {
    return context + ": " + describe(e);
  }

  /** The same without the context. */
  public static String describe(ParameterException e) {
    if (e.getCause() instanceof TypeConversionException t && e.getArgSpec() instanceof OptionSpec o) {
      String m = t.getMessage();
      return m.startsWith("must be") ? o.longestName() + " " + m : m;
    }
    return rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? e.getMessage() : t.getMessage();
  }

  private interface Parse<T> {
    T apply(String s);
  }

  private static <T> ITypeConverter<T> whole(Parse<T> parse) {
    return s -> {
      try {
        return parse.apply(s.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("must be a whole number, got '" + s + "'");
      }
    };
  }

  private static Double number(String s) {
    double d;
    try {
      d = Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("must be a number, got '" + s + "'");
    }
    if (!Double.isFinite(d)) {
      throw new TypeConversionException("must be a finite number, got '" + s + "'");
    }
    return d;
  }

  private static Boolean flag(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "" -> true;
      case "false", "no", "0" -> false;
      default -> throw new TypeConversionException("must be true or false, got '" + s + "'");
    };
  }

  private static <T> T convert(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
