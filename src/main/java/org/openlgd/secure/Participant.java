package org.openlgd.secure;

/**
 * One server taking part in a secure round, as the coordinator relays it to the others.
 *
 * @param id        the server's id
 * @param key       its ephemeral X25519 public key for the run (X.509 encoding)
 * @param signature its Ed25519 identity key's signature of that key, or null when it has no identity key
 */
public record Participant(int id, byte[] key, byte[] signature) {
}
