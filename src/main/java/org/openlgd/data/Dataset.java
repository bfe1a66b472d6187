package org.openlgd.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * A numeric data set held column-major: one {@code double[]} per feature plus the target.
 * Immutable once built; plain Java so that the estimators can be tested without Vert.x.
 */
public final class Dataset {
  private final String source;
  private final String target;
  private final List<String> features;
  private final double[][] columns;
  private final double[] y;
  /** Row weights, or null when every row weighs 1. */
  private final double[] weights;
  private String fingerprint;

  public Dataset(String source, String target, List<String> features, double[][] columns, double[] y) {
    this(source, target, features, columns, y, null);
  }

  /** A data set whose rows carry {@code weights} (null: every row weighs 1). */
  public Dataset(String source, String target, List<String> features, double[][] columns, double[] y, double[] weights) {
    this.source = Objects.requireNonNull(source);
    this.target = Objects.requireNonNull(target);
    this.features = List.copyOf(features);
    if (columns.length != features.size()) {
      throw new IllegalArgumentException("expected " + features.size() + " feature columns, got " + columns.length);
    }
    for (double[] c : columns) {
      if (c.length != y.length) {
        throw new IllegalArgumentException("feature column length " + c.length + " differs from target length " + y.length);
      }
    }
    if (weights != null && weights.length != y.length) {
      throw new IllegalArgumentException(weights.length + " weights for " + y.length + " rows");
    }
    this.columns = columns;
    this.y = y;
    this.weights = weights;
  }

  /** Where the rows came from (a file path or URL); used in messages only. */
  public String source() {
    return source;
  }

  public String target() {
    return target;
  }

  public List<String> features() {
    return features;
  }

  public int rows() {
    return y.length;
  }

  public int featureCount() {
    return features.size();
  }

  /** Feature {@code j} of row {@code i}. */
  public double x(int j, int i) {
    return columns[j][i];
  }

  public double y(int i) {
    return y[i];
  }

  /** The weight of row {@code i} (1 when the rows are not weighted). */
  public double weight(int i) {
    return weights == null ? 1 : weights[i];
  }

  /** Whether the rows carry weights. */
  public boolean weighted() {
    return weights != null;
  }

  /** Feature column {@code j} itself (not a copy: do not change it). */
  double[] column(int j) {
    return columns[j];
  }

  /** The target column itself (not a copy: do not change it). */
  double[] targetValues() {
    return y;
  }

  /**
   * A fingerprint of the data: the first 16 hex digits of SHA-256 over the column names and every value (as IEEE
   * bits, column by column). Equal data give equal fingerprints wherever they were loaded from.
   */
  public synchronized String fingerprint() {
    if (fingerprint == null) {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((target + "~" + String.join(",", features)).getBytes(StandardCharsets.UTF_8));
        ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
        for (int j = -2; j < columns.length; j++) {
          double[] col = j == -2 ? (weights == null ? new double[0] : weights) : j < 0 ? y : columns[j];
          for (double v : col) {
            if (!buf.hasRemaining()) {
              md.update(buf.array(), 0, buf.position());
              buf.clear();
            }
            buf.putLong(Double.doubleToLongBits(v));
          }
        }
        md.update(buf.array(), 0, buf.position());
        fingerprint = HexFormat.of().formatHex(md.digest()).substring(0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
    }
    return fingerprint;
  }

  /** The same rows and features with another target (the feature columns are shared, not copied). */
  public Dataset withTarget(String name, double[] target) {
    return new Dataset(source, name, features, columns, target, weights);
  }

  /** The rows that {@code keep} accepts, in order. */
  public Dataset filter(IntPredicate keep) {
    int n = 0;
    for (int i = 0; i < y.length; i++) {
      if (keep.test(i)) {
        n++;
      }
    }
    double[][] cols = new double[columns.length][n];
    double[] t = new double[n];
    double[] w = weights == null ? null : new double[n];
    for (int i = 0, at = 0; i < y.length; i++) {
      if (keep.test(i)) {
        for (int j = 0; j < columns.length; j++) {
          cols[j][at] = columns[j][i];
        }
        if (w != null) {
          w[at] = weights[i];
        }
        t[at++] = y[i];
      }
    }
    return new Dataset(source, target, features, cols, t, w);
  }

  /** The first {@code n} rows. */
  public Dataset head(int n) {
    if (n < 0 || n > rows()) {
      throw new IllegalArgumentException("cannot take " + n + " rows of " + rows());
    }
    double[][] cols = new double[columns.length][];
    for (int j = 0; j < columns.length; j++) {
      cols[j] = Arrays.copyOf(columns[j], n);
    }
    return new Dataset(source, target, features, cols, Arrays.copyOf(y, n), weights == null ? null : Arrays.copyOf(weights, n));
  }

  /** Rows of several data sets stacked, in order; all must have the same target and features. */
  public static Dataset concat(String source, List<Dataset> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    Dataset first = parts.get(0);
    int total = 0;
    for (Dataset d : parts) {
      if (!d.features.equals(first.features) || !d.target.equals(first.target)) {
        throw new IllegalArgumentException(d.source + " has columns " + d.target + "~" + d.features
            + ", expected " + first.target + "~" + first.features);
      }
      total += d.rows();
    }
    double[][] cols = new double[first.featureCount()][total];
    double[] y = new double[total];
    boolean weighted = parts.stream().anyMatch(Dataset::weighted);
    double[] w = weighted ? new double[total] : null;
    int at = 0;
    for (Dataset d : parts) {
      for (int j = 0; j < cols.length; j++) {
        System.arraycopy(d.columns[j], 0, cols[j], at, d.rows());
      }
      System.arraycopy(d.y, 0, y, at, d.rows());
      for (int i = 0; w != null && i < d.rows(); i++) {
        w[at + i] = d.weight(i);
      }
      at += d.rows();
    }
    return new Dataset(source, first.target, first.features, cols, y, w);
  }

  /** Builds a data set from rows given as {@code double[]{x1..xp}} and targets; convenient for tests. */
  public static Dataset ofRows(String target, List<String> features, double[][] rows, double[] y) {
    double[][] cols = new double[features.size()][rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < features.size(); j++) {
        cols[j][i] = rows[i][j];
      }
    }
    return new Dataset("memory", target, new ArrayList<>(features), cols, y.clone());
  }
}
