package org.openlgd.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A data node's settings: a CSV file served as an openNPL-style REST API.
 *
 * @param pageSize entries per page of the list (0: one bare array)
 * @param rename   column renames, old name to new
 */
public record DataNodeConfig(int port, String host, String data, int pageSize, Map<String, String> rename) {
  public static DataNodeConfig from(JsonObject json) {
    return Options.bind(new DataNodeOptions(), json, "datanode").config("datanode");
  }
}
