package org.openlgd.api;

import java.util.List;

/** What a model server says about itself in its liveness reply (see {@link HelloCodec}). */
public record ServerInfo(String url, int id, long n, String target, List<String> features, String fingerprint) {
}
