package org.openlgd.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Locale;

/** A description (the coordinator's {@code Describing}) as console tables; "-" marks what was held back. */
final class DescribeReport {
  private DescribeReport() {
  }

  static void print(JsonObject d, PrintStream out) {
    JsonArray servers = d.getJsonArray("servers");
    long rows = servers.stream().mapToLong(s -> ((JsonObject) s).getLong("rows")).sum();
    out.printf(Locale.ROOT, "%d servers, %d rows; quantiles read from %d bins per column; counts under a server's "
        + "minimum are held back (-)%n", servers.size(), rows, d.getInteger("bins"));
    for (Object o : d.getJsonArray("leftOut")) {
      JsonObject l = (JsonObject) o;
      out.println("left out: " + l.getString("address") + ": " + l.getString("reason"));
    }
    out.printf(Locale.ROOT, "%n%-22s %8s %8s %11s %11s %11s %11s %11s %11s %11s%n", "numeric", "n", "missing", "mean",
        "sd", "p5", "p25", "median", "p75", "p95");
    for (Object o : d.getJsonArray("numbers")) {
      JsonObject v = (JsonObject) o;
      out.println(v.getString("name"));
      for (Object s : v.getJsonArray("servers")) {
        JsonObject r = (JsonObject) s;
        numericLine(out, "  server " + r.getInteger("id"), r);
      }
      JsonObject pooled = v.getJsonObject("pooled");
      numericLine(out, pooled.getBoolean("incomplete") ? "  pooled (of shown)" : "  pooled", pooled);
    }
    for (Object o : d.getJsonArray("categories")) {
      JsonObject c = (JsonObject) o;
      JsonObject pooled = c.getJsonObject("pooled");
      out.printf(Locale.ROOT, "%n%-22s %8s %14s   rows by server%n", c.getString("name"), "rows", "mean target");
      for (Object l : pooled.getJsonArray("levels")) {
        JsonObject level = (JsonObject) l;
        out.printf(Locale.ROOT, "  %-20s %8d %14s   %s%n", level.getString("level") + (level.getBoolean("partial") ? " *" : ""),
            level.getLong("n"), number(level.getValue("targetMean")), byServer(c, level.getString("level")));
      }
      JsonObject other = pooled.getJsonObject("other");
      if (other != null) {
        out.printf(Locale.ROOT, "  %-20s %8d %14s   %s%n", "(rare or missing)", other.getLong("n"),
            number(other.getValue("targetMean")), byServer(c, null));
      }
      out.printf(Locale.ROOT, "  %-20s %8d%n", "missing (shown)", pooled.getLong("missing"));
    }
  }

  private static void numericLine(PrintStream out, String label, JsonObject r) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %8s %8s %11s %11s", label,
        count(r.getValue("n")), count(r.getValue("missing")), number(r.getValue("mean")), number(r.getValue("sd"))));
    for (Object q : r.getJsonArray("quantiles")) {
      line.append(String.format(Locale.ROOT, " %11s", number(q)));
    }
    out.println(line);
  }

  /** A level's rows at each server ({@code level} null: the rare levels). */
  private static String byServer(JsonObject column, String level) {
    StringBuilder s = new StringBuilder();
    for (Object o : column.getJsonArray("servers")) {
      JsonObject server = (JsonObject) o;
      Object n = null;
      if (level == null) {
        n = server.getJsonObject("other") == null ? 0 : server.getJsonObject("other").getValue("n");
      } else {
        n = server.getJsonObject("other") == null ? 0 : null; // absent, or among the rare levels
        for (Object l : server.getJsonArray("levels")) {
          if (level.equals(((JsonObject) l).getString("level"))) {
            n = ((JsonObject) l).getValue("n");
          }
        }
      }
      s.append(s.length() == 0 ? "" : ", ").append(server.getInteger("id")).append(": ").append(n == null ? "-" : n);
    }
    return s.toString();
  }

  private static String count(Object v) {
    return v == null ? "-" : v.toString();
  }

  private static String number(Object v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.6g", ((Number) v).doubleValue());
  }
}
