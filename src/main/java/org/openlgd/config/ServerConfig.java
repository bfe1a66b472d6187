package org.openlgd.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.openlgd.formula.Design;
import org.openlgd.model.Model;

/**
 * A model server's settings, in groups.
 *
 * @param id       server id; defaults to port - 5000 for ports 5001..5999 (as in the original), else the port
 * @param model    model used when a request does not name one (original clients never do)
 * @param endpoint where it listens
 * @param data     where its rows come from, and which columns it uses
 * @param sgd      its SGD passes
 * @param trust    token, disclosure rules and audit trail
 * @param tls      HTTPS (and mutual TLS) settings; {@link Tls#NONE} for plain HTTP
 * @param secure   secure aggregation: identity and pinned keys, and whether it discloses its own validation
 */
public record ServerConfig(int id, Model model, Endpoint endpoint, Data data, Sgd sgd, Trust trust, Tls tls, Secure secure) {
  /** The port of a server that serves the event bus only. */
  public static final int NO_HTTP = -1;

  /**
   * @param port      HTTP port (0 picks a free one; {@link #NO_HTTP} serves the event bus only)
   * @param host      address to bind
   * @param bodyLimit largest accepted request body, bytes
   */
  public record Endpoint(int port, String host, long bodyLimit) {
    public boolean http() {
      return port != NO_HTTP;
    }
  }

  /**
   * @param source   CSV file with the server's rows, or the http(s) base URL of an openNPL-style API
   * @param target   target column; null for the default
   * @param features feature columns; empty for all but the target
   * @param formula  the server's own model as a formula (instead of target and features), or null
   * @param weights  the row weights column, or null
   * @param missing  what a row missing a value of a variable the model uses does
   */
  public record Data(String source, String target, List<String> features, Fetch fetch, String formula, String weights,
                     Design.Missing missing, Database database) {
    /** Columns without a formula, weights or missing values. */
    public Data(String source, String target, List<String> features, Fetch fetch) {
      this(source, target, features, fetch, null, null, Design.Missing.DROP, null);
    }

    public Data(String source, String target, List<String> features, Fetch fetch, String formula, String weights,
                Design.Missing missing) {
      this(source, target, features, fetch, formula, weights, missing, null);
    }
  }

  /**
   * A SQL database source: the query, and the password (from a file or PGPASSWORD; never printed).
   *
   * @param password null to connect without one
   */
  /**
   * A database source's query, password and TLS: {@code sslMode} as libpq names it (disable, allow, prefer, require,
   * verify-ca, verify-full; null: the URL's, else prefer), {@code sslRootCert} a PEM file of the CA to trust.
   */
  public record Database(String query, String password, String sslMode, String sslRootCert) {
    public Database(String query, String password) {
      this(query, password, null, null);
    }

    @Override
    public String toString() {
      return "Database[query=" + query + ", password=" + (password == null ? "none" : "***") + ", sslMode=" + sslMode
          + ", sslRootCert=" + sslRootCert + "]";
    }
  }

  /** Which formulas a coordinator may ask a server to fit. */
  public enum Formulas {
    /** Only the server's own columns. */
    OFF,
    /** Columns, functions of one column and categoricals; no interactions and no I(...). */
    MAIN_EFFECTS,
    /** Any formula. */
    FULL;

    static Formulas parse(String context, String s) {
      for (Formulas f : values()) {
        if (f.name().replace('_', '-').equalsIgnoreCase(s.trim())) {
          return f;
        }
      }
      throw new IllegalArgumentException(context + ": --formulas must be off, main-effects or full, not '" + s + "'");
    }
  }

  /** How an openNPL source is read: entries at once, retries of a transient failure, bound per request, token. */
  public record Fetch(int concurrency, int retries, long timeoutMs, String token) {
  }

  /** The SGD shuffling seed and initial learning rate. */
  public record Sgd(long seed, double eta0) {
  }

  /**
   * @param token        bearer token callers must present, or null
   * @param openLiveness whether {@code GET /} (and {@code /health}) answer without the token
   * @param auditFile    file the audit trail is appended to as JSON lines, or null
   * @param auditLog     whether audit entries go to the {@code openlgd.audit} logger
   * @param auditRequired whether a data request whose audit entry cannot be written is refused (503)
   * @param formulas     which formulas a coordinator may ask for
   */
  /**
   * Who may call the server, what its answers may disclose, and its audit trail.
   *
   * @param localEstimates whether the server answers the rounds of a fit on its rows alone (a coordinator's --meta),
   *                       which give its own estimates away
   */
  public record Trust(String token, boolean openLiveness, DisclosureRules disclosure, String auditFile, boolean auditLog,
                      boolean auditRequired, Formulas formulas, boolean localEstimates) {
    public Trust(String token, boolean openLiveness, DisclosureRules disclosure, String auditFile, boolean auditLog,
                 boolean auditRequired) {
      this(token, openLiveness, disclosure, auditFile, auditLog, auditRequired, Formulas.FULL, true);
    }
  }

  /**
   * @param identityKey           file with the server's Ed25519 identity key (base64 PKCS#8), or null
   * @param peerKeys              JSON file mapping server ids to their identity public keys (base64 X.509), or null
   * @param discloseOwnValidation whether a secure validation round also reveals this server's own sums
   */
  public record Secure(String identityKey, String peerKeys, boolean discloseOwnValidation) {
    public static final Secure NONE = new Secure(null, null, false);
  }

  /** The settings of a JSON config whose keys are the long option names (unknown keys are ignored). */
  public static ServerConfig from(JsonObject json) {
    return Options.bind(new ServerOptions(), json, "server").config("server");
  }

  /** True when it serves HTTP (else the event bus only). */
  public boolean http() {
    return endpoint.http();
  }

  /**
   * This server's event-bus key: its id and a digest of where it runs and what it serves (host name, address, port,
   * data source). The same server started again gets the same key, so a coordinator in the middle of a run reaches it
   * at the next round; two servers differ unless they share id, host, port and data.
   */
  public String eventBusKey() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((hostName() + "|" + endpoint.host() + "|" + endpoint.port()
          + "|" + data.source()).getBytes(StandardCharsets.UTF_8));
      return id + "-" + HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This machine's host name ("localhost" if it cannot be found). */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
