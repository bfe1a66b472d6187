package org.openlgd.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a model server reads a SQL database (--data postgresql://user@host:port/db). */
public final class DatabaseOptions {
  @Option(names = "--query", paramLabel = "SQL",
      description = "database source: the query whose rows the server holds (SELECT ...); or --table")
  String query;
  @Option(names = "--table", paramLabel = "NAME", description = "database source: read every row of this table")
  String table;
  @Option(names = "--db-password-file", paramLabel = "FILE",
      description = "database source: a file holding the password (else the PGPASSWORD environment variable); "
          + "never on the command line")
  String passwordFile;

  /** The database settings; the password from its file, else from {@code PGPASSWORD} (read here, once). */
  ServerConfig.Database database(String context, String source) {
    boolean db = source != null && (source.startsWith("postgresql://") || source.startsWith("postgres://"));
    if (!db) {
      if (query != null || table != null || passwordFile != null) {
        throw new IllegalArgumentException(context + ": --query, --table and --db-password-file need --data postgresql://...");
      }
      return null;
    }
    if ((query == null) == (table == null)) {
      throw new IllegalArgumentException(context + ": a database source needs --query SQL or --table NAME (one of them)");
    }
    if (table != null && !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
      throw new IllegalArgumentException(context + ": --table must be a name (schema.table allowed), not '" + table + "'");
    }
    String password;
    try {
      password = passwordFile != null ? Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip()
          : System.getenv("PGPASSWORD");
    } catch (IOException e) {
      throw new IllegalArgumentException(context + ": cannot read --db-password-file " + passwordFile + ": " + e.getMessage());
    }
    String sql = query != null ? query : "SELECT * FROM " + table;
    return new ServerConfig.Database(sql, password);
  }
}
