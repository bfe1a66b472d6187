package org.openlgd.config;

import picocli.CommandLine.Option;

/** The bearer token a server requires, or a coordinator presents. */
public final class TokenOptions {
  @Option(names = "--token", paramLabel = "T",
      description = "server: the bearer token callers must present; coordinator: the token it presents "
          + "(HTTP Authorization: Bearer, event-bus header authorization)")
  String token;
  @Option(names = "--token-file", paramLabel = "FILE", description = "the token, read from a file")
  String tokenFile;

  String token(String context) {
    return Check.secret(context, "token", token, tokenFile);
  }
}
