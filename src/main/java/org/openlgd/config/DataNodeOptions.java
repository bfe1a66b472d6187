package org.openlgd.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What a data node serves, and where. */
public final class DataNodeOptions {
  @Option(names = "--port", paramLabel = "P", description = "HTTP port (0 picks a free one)")
  Integer port;
  @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1", description = "address to bind")
  String host;
  @Option(names = "--data", paramLabel = "FILE", description = "the CSV file to serve")
  String data;
  @Option(names = "--page-size", paramLabel = "N", defaultValue = "0",
      description = "entries per page of the list, as Django REST framework pages them (0: one bare array)")
  int pageSize;
  @Option(names = "--fields", paramLabel = "OLD=NEW,...", split = ",",
      description = "rename columns, e.g. X=current_assets,Y=cash_and_cash_equivalent_items (the original's defaults)")
  List<String> fields = new ArrayList<>();

  public DataNodeConfig config(String context) {
    if (data == null) {
      throw new IllegalArgumentException(context + ": --data FILE is required");
    }
    if (port == null) {
      throw new IllegalArgumentException(context + ": --port is required");
    }
    Map<String, String> rename = new LinkedHashMap<>();
    for (String pair : Check.list(fields)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException(context + ": --fields takes OLD=NEW pairs, got '" + pair + "'");
      }
      rename.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return new DataNodeConfig(Check.range(context, "port", port, 0, 65535), host, data,
        Check.range(context, "page-size", pageSize, 0, 1_000_000), rename);
  }
}
