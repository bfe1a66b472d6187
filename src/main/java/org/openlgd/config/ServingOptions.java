package org.openlgd.config;

import java.util.List;
import org.openlgd.formula.Design;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * How a model server serves its rows, whichever server it is: the columns, SGD settings, token, disclosure rules,
 * audit trail and data-source fetching. {@code server} takes them with its own port, id and data; {@code simulate}
 * gives them to every server it starts.
 */
public final class ServingOptions {
  @Option(names = "--body-limit", paramLabel = "BYTES", defaultValue = "65536", description = "largest request body accepted")
  long bodyLimit;
  @Option(names = "--open-liveness", paramLabel = "true|false", arity = "1", defaultValue = "true",
      description = "whether GET / and GET /health answer without the token")
  boolean openLiveness;
  @Option(names = "--audit-file", paramLabel = "FILE", description = "also append the audit trail to FILE as JSON lines")
  String auditFile;
  @Option(names = "--audit-log", paramLabel = "true|false", arity = "1",
      description = "whether audit entries go to the openlgd.audit logger (default: true; simulate: false)")
  Boolean auditLog;
  @Option(names = "--audit-required",
      description = "fail closed: a data request whose audit entry cannot be written to --audit-file is refused with 503")
  boolean auditRequired;
  @Option(names = "--peer-keys", paramLabel = "FILE",
      description = "secure aggregation: a JSON object of every server's identity public key by server id; the server "
          + "then refuses a round whose keys are not signed by their owners (a coordinator substituting keys)")
  String peerKeys;
  @Option(names = "--disclose-own-validation",
      description = "secure aggregation: also reveal this server's own validation sums (the pooled ones are always shown)")
  boolean discloseOwnValidation;
  @Option(names = "--formulas", paramLabel = "off|main-effects|full", defaultValue = "full",
      description = "which formulas a coordinator may ask this server to fit: off (its own columns only), main-effects "
          + "(columns, functions of one column and categoricals; no interactions, no I(...)) or full")
  String formulas;
  @Option(names = "--allow-local-estimates", paramLabel = "true|false", defaultValue = "true", arity = "0..1",
      description = "answer the rounds of a fit on this server's rows alone (a coordinator's --meta), which give this "
          + "server's own estimates away; false refuses them (403). Secure runs never have them")
  boolean allowLocalEstimates = true;
  @Mixin
  ColumnsOptions columns;
  @Mixin
  SgdOptions sgd;
  @Mixin
  TokenOptions token;
  @Mixin
  DisclosureOptions disclosure;
  @Mixin
  OpenNplOptions fetch;
  @Mixin
  DatabaseOptions database;

  /** The long names (without "--") of these options: the JSON keys a command passes on to its servers. */
  public static List<String> names() {
    return CommandLine.Model.CommandSpec.forAnnotatedObject(new ServingOptions()).options().stream()
        .map(OptionSpec::longestName).map(n -> n.substring(2)).toList();
  }

  ServerConfig.Data data(String context, String source) {
    Design.Missing missing = columns.missing(context);
    return new ServerConfig.Data(source, columns.target(), columns.features(), fetch.fetch(context), columns.formula(),
        columns.weights(), missing, database.database(context, source));
  }

  ServerConfig.Sgd sgd(int id) {
    return new ServerConfig.Sgd(sgd.seed(id), sgd.eta0());
  }

  ServerConfig.Trust trust(String context) {
    if (auditRequired && auditFile == null) {
      throw new IllegalArgumentException(context + ": --audit-required needs --audit-file (the file whose writes it checks)");
    }
    return new ServerConfig.Trust(token.token(context), openLiveness, disclosure.rules(context), auditFile,
        auditLog == null || auditLog, auditRequired, ServerConfig.Formulas.parse(context, formulas), allowLocalEstimates);
  }

  ServerConfig.Secure secure(String identityKey) {
    return new ServerConfig.Secure(identityKey, peerKeys, discloseOwnValidation);
  }
}
