package org.openlgd.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.openlgd.secure.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", description = "identity keys for secure aggregation: an Ed25519 key per server id "
    + "(server-ID.key, for --identity-key) and the file of all their public keys (peer-keys.json, for --peer-keys)")
final class KeygenCommand extends Subcommand {
  @Option(names = "--out", paramLabel = "DIR", description = "the folder to write")
  String dir;
  @Option(names = "--ids", paramLabel = "ID,...", split = ",", description = "the servers' ids")
  List<Integer> ids = new ArrayList<>();

  @Override
  int run() throws Exception {
    if (dir == null || ids.isEmpty()) {
      throw new IllegalArgumentException("--out DIR and --ids ID,... are required");
    }
    Path out = Files.createDirectories(Path.of(dir));
    JsonObject peers = new JsonObject();
    for (int id : ids) {
      KeyPair pair = Identity.generate();
      Path key = out.resolve("server-" + id + ".key");
      Files.writeString(key, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
      peers.put(Integer.toString(id), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
      this.out.println("wrote " + key);
    }
    Path file = out.resolve("peer-keys.json");
    Files.writeString(file, peers.encodePrettily() + "\n");
    this.out.println("wrote " + file + " (give it to every server with --peer-keys; keep each .key with its server only)");
    return 0;
  }
}
