package org.openlgd.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A description of the servers' data ({@code describe}).
 *
 * @param servers   the model servers' base URLs
 * @param target    the column averaged by level, or null for each server's own target
 * @param bins      bins per numeric column
 * @param timeoutMs the longest one call may take
 * @param token     the bearer token presented, or null
 * @param tls       the trust (and client certificate) for https servers
 */
public record DescribeConfig(List<String> servers, String target, int bins, long timeoutMs, String token, Tls tls) {
  public DescribeConfig {
    servers = List.copyOf(servers);
  }

  /** The config of {@code json} (long option names). */
  public static DescribeConfig from(JsonObject json) {
    return Options.bind(new DescribeOptions(), json, "describe").config("describe");
  }
}
