package org.openlgd.stats;

/** Which covariance standard errors come from: a robust sandwich, or the model's own (inverse) information. */
public enum Covariance {
  ROBUST("robust"), MODEL("model");

  private final String wireName;

  Covariance(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Covariance parse(String s) {
    for (Covariance c : values()) {
      if (c.wireName.equalsIgnoreCase(s.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("--se must be robust or model, got '" + s + "'");
  }
}
