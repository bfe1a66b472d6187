package org.openlgd;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The oracle fixtures under src/test/resources/fixtures (each written by the script beside it). */
public final class Fixtures {
  private Fixtures() {
  }

  /** The JSON fixture {@code name}, e.g. {@code "tobit.json"}. */
  public static JsonObject json(String name) {
    try {
      return new JsonObject(Files.readString(Path.of("src/test/resources/fixtures", name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
