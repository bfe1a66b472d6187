package org.openlgd.config;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The model servers a coordinator (or a dashboard) runs against, by URL. */
public final class ServersOption {
  @Option(names = "--servers", paramLabel = "URL,...", split = ",",
      description = "model-server base URLs (http:// or https://); in a cluster, leave out to discover the servers")
  List<String> servers = new ArrayList<>();

  public List<String> urls() {
    return Check.list(servers);
  }

  /** Refuses a server listed twice: it would count twice. */
  static void checkDistinct(String context, List<String> urls) {
    if (urls.stream().distinct().count() != urls.size()) {
      throw new IllegalArgumentException(context + ": a server is listed twice in --servers " + urls);
    }
  }

  /** Refuses an address that is not an http:// or https:// URL. */
  static void checkSchemes(String context, List<String> urls) {
    for (String s : urls) {
      if (!s.startsWith("http://") && !s.startsWith("https://")) {
        throw new IllegalArgumentException(context + ": server address '" + s + "' must start with http:// or https://");
      }
    }
  }
}
