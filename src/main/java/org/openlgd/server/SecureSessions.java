package org.openlgd.server;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openlgd.api.BadRequestException;
import org.openlgd.config.JsonDefaults;
import org.openlgd.config.ServerConfig;
import org.openlgd.secure.Identity;
import org.openlgd.secure.Masking;

/**
 * A model server's secure-aggregation state: its identity key and its peers' pinned identity keys (from
 * {@code --identity-key} and {@code --peer-keys}), and one {@link Masking} (an ephemeral key pair) per run that asked
 * for its key, the newest {@value #KEPT} runs kept. A server started again has forgotten its runs' keys: a secure run
 * goes on without it.
 */
final class SecureSessions {
  static final int KEPT = 64;

  private final int serverId;
  private final PrivateKey identity;
  private final Map<Integer, PublicKey> pinned;
  private final Map<String, Masking> runs = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Masking> eldest) {
      return size() > KEPT;
    }
  };

  SecureSessions(int serverId, ServerConfig.Secure cfg) {
    this.serverId = serverId;
    this.identity = cfg.identityKey() == null ? null : Identity.privateKey(read(cfg.identityKey(), "--identity-key"));
    Map<Integer, PublicKey> keys = new HashMap<>();
    if (cfg.peerKeys() != null) {
      JsonObject file = JsonDefaults.read(cfg.peerKeys());
      for (String id : file.fieldNames()) {
        try {
          keys.put(Integer.parseInt(id.trim()), Identity.publicKey(file.getString(id)));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("server: --peer-keys " + cfg.peerKeys() + ": entry '" + id
              + "' must map a server id to a base64 X.509 Ed25519 public key");
        }
      }
    }
    this.pinned = Map.copyOf(keys);
  }

  private static String read(String file, String option) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("server: cannot read " + option + " " + file + ": " + e.getMessage());
    }
  }

  /** A fresh ephemeral key for {@code run} (replacing any earlier one of the same run). */
  synchronized Masking open(String run) {
    Masking m = new Masking(run, serverId, identity, pinned);
    runs.put(run, m);
    return m;
  }

  /** The masking of {@code run}; a 400 when the run never asked this server for its key. */
  synchronized Masking of(String run) {
    Masking m = run == null ? null : runs.get(run);
    if (m == null) {
      throw new BadRequestException("no secure-aggregation key for run " + run + " on this server (ask POST /keys "
          + "first; a server started again has forgotten its keys)");
    }
    return m;
  }
}
