package org.openlgd.api;

import java.util.List;

/**
 * What a model server says about itself in its liveness reply (see {@link HelloCodec}). An original openLGD server
 * ({@code original}) says nothing of its data: its {@code n} is 0, its target and features null.
 *
 * @param fingerprint     of the server's own design (its columns as a model uses them)
 * @param dataFingerprint of every value it loaded, whatever a model makes of them (null when not said)
 */
public record ServerInfo(String url, int id, long n, String target, List<String> features, String fingerprint,
                         boolean original, String dataFingerprint) {
  public ServerInfo(String url, int id, long n, String target, List<String> features, String fingerprint) {
    this(url, id, n, target, features, fingerprint, false, null);
  }

  public ServerInfo(String url, int id, long n, String target, List<String> features, String fingerprint,
                    boolean original) {
    this(url, id, n, target, features, fingerprint, original, null);
  }

  /** The columns of the original openLGD's data (its servers fit Y on X). */
  public static final String ORIGINAL_TARGET = "Y";
  public static final List<String> ORIGINAL_FEATURES = List.of("X");

  /**
   * Whose target and features stand for a federation's: the first openlgd server's; for original openLGD servers only,
   * the original data's ({@link #ORIGINAL_TARGET} ~ {@link #ORIGINAL_FEATURES}).
   */
  public static ServerInfo columns(List<ServerInfo> servers) {
    return servers.stream().filter(s -> !s.original()).findFirst()
        .orElse(new ServerInfo(servers.get(0).url(), -1, 0, ORIGINAL_TARGET, ORIGINAL_FEATURES, null, true));
  }

  /** An original openLGD server at {@code url}. */
  public static ServerInfo original(String url) {
    return new ServerInfo(url, -1, 0, null, null, null, true);
  }
}
