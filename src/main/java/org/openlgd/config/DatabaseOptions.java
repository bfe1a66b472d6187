package org.openlgd.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a model server reads a SQL database (--data postgresql://user@host:port/db, or --data jdbc:...). */
public final class DatabaseOptions {
  /** The sslmode values libpq knows, which --db-ssl-mode takes. */
  static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  @Option(names = "--query", paramLabel = "SQL",
      description = "database source: the query whose rows the server holds (SELECT ...); or --table")
  String query;
  @Option(names = "--table", paramLabel = "NAME", description = "database source: read every row of this table")
  String table;
  @Option(names = "--db-password-file", paramLabel = "FILE",
      description = "database source: a file holding the password (else the environment variable OPENLGD_DB_PASSWORD, "
          + "else PGPASSWORD); never on the command line")
  String passwordFile;
  @Option(names = "--db-ssl-mode", paramLabel = "MODE",
      description = "postgresql:// source: TLS to the database, as libpq's sslmode: disable, allow, prefer, require, "
          + "verify-ca, verify-full (default: the URL's sslmode, else prefer)")
  String sslMode;
  @Option(names = "--db-ssl-root-cert", paramLabel = "PEM",
      description = "postgresql:// source: the CA certificate(s) to trust for the database's TLS certificate")
  String sslRootCert;

  /** Whether {@code source} is a database URL (these options apply to it). */
  static boolean isDatabase(String source) {
    return source != null && (isPostgres(source) || source.startsWith("jdbc:"));
  }

  /** Whether {@code source} is a PostgreSQL URL, read by the reactive client. */
  public static boolean isPostgres(String source) {
    return source.startsWith("postgresql://") || source.startsWith("postgres://");
  }

  /** The database settings; the password from its file, else from the environment (read here, once). */
  ServerConfig.Database database(String context, String source) {
    if (!isDatabase(source)) {
      if (query != null || table != null || passwordFile != null || sslMode != null || sslRootCert != null) {
        throw new IllegalArgumentException(context + ": --query, --table and the --db-* options need --data "
            + "postgresql://... or jdbc:...");
      }
      return null;
    }
    if ((query == null) == (table == null)) {
      throw new IllegalArgumentException(context + ": a database source needs --query SQL or --table NAME (one of them)");
    }
    if (table != null && !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
      throw new IllegalArgumentException(context + ": --table must be a name (schema.table allowed), not '" + table + "'");
    }
    if (source.toLowerCase(Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException(context + ": no password in the --data URL (it would show in process lists "
          + "and logs); use --db-password-file or OPENLGD_DB_PASSWORD");
    }
    if (sslMode != null && !SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException(context + ": --db-ssl-mode is one of " + String.join(", ", SSL_MODES)
          + ", not '" + sslMode + "'");
    }
    if ((sslMode != null || sslRootCert != null) && source.startsWith("jdbc:")) {
      throw new IllegalArgumentException(context + ": --db-ssl-mode and --db-ssl-root-cert are for postgresql:// "
          + "sources; a JDBC URL takes its driver's TLS settings (jdbc:postgresql://...?sslmode=verify-full)");
    }
    if (sslRootCert != null && !Files.isReadable(Path.of(sslRootCert))) {
      throw new IllegalArgumentException(context + ": cannot read --db-ssl-root-cert " + sslRootCert);
    }
    String sql = query != null ? query : "SELECT * FROM " + table;
    return new ServerConfig.Database(sql, password(context), sslMode, sslRootCert);
  }

  private String password(String context) {
    if (passwordFile == null) {
      String env = System.getenv("OPENLGD_DB_PASSWORD");
      return env != null ? env : System.getenv("PGPASSWORD");
    }
    try {
      return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(context + ": cannot read --db-password-file " + passwordFile + ": " + e.getMessage());
    }
  }
}
