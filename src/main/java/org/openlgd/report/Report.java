package org.openlgd.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openlgd.dashboard.RunStore;

/**
 * {@code report --run DIR [--out FILE]}: one self-contained HTML file for a run record, for a validator without the
 * dashboard: the convergence plots, the coefficient table, validation, every round and server, and the manifest
 * (config, its hash, code version). The page carries its data and the same drawing code as the dashboard; it loads
 * nothing from the network.
 */
public final class Report {
  private Report() {
  }

  /** Writes the report of run record {@code dir} to {@code target}. */
  public static void write(Path dir, Path target) throws IOException {
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
      throw new IllegalArgumentException("report: " + dir + " is not a run record (no manifest.json in it)");
    }
    Files.writeString(target, html(RunStore.readRecord(dir)), StandardCharsets.UTF_8);
  }

  /** The report page of one run (the shape of {@link RunStore#readRecord}). */
  public static String html(JsonObject run) throws IOException {
    JsonObject manifest = run.getJsonObject("manifest", new JsonObject());
    String data = run.encode().replace("</", "<\\/");
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>openlgd run " + escape(run.getString("id", "")) + "</title>\n<style>\n" + resource("webroot/static/style.css")
        + "\n</style>\n</head>\n<body>\n<h1>openlgd run report</h1>\n"
        + "<p>Started " + escape(manifest.getString("startedAt", "?")) + " by <code>" + escape(manifest.getString("command", "?"))
        + "</code>; code " + escape(manifest.getJsonObject("code", new JsonObject()).encode()) + "</p>\n"
        + "<section id=\"run\"></section>\n"
        + "<h3>Manifest (config with secrets removed; SHA-256 " + escape(manifest.getString("configSha256", "?")) + ")</h3>\n"
        + "<pre>" + escape(manifest.encodePrettily()) + "</pre>\n"
        + "<script>\n" + resource("webroot/static/runview.js") + "\n</script>\n"
        + "<script>\n" + resource("webroot/static/studies.js") + "\n</script>\n"
        + "<script>\nOpenLgd.renderRun(document.getElementById('run'), " + data + ");\n"
        + "document.body.setAttribute('data-state', 'rendered');\n</script>\n</body>\n</html>\n";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Report.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
