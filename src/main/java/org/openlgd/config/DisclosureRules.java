package org.openlgd.config;

/**
 * The disclosure rules a model server enforces before it answers with anything computed from its rows (the
 * coordinator cannot turn them off): at least {@code minRows} rows; at most {@code maxParameterRatio} * n parameters
 * (as DataSHIELD's p &lt;= 0.33 n); and in every binary (0/1) column, feature or target, at least
 * {@code minCategoryCount} rows of each value.
 */
public record DisclosureRules(int minRows, double maxParameterRatio, int minCategoryCount) {
  public static final int DEFAULT_MIN_ROWS = 10;
  public static final double DEFAULT_MAX_PARAMETER_RATIO = 0.33;
  public static final int DEFAULT_MIN_CATEGORY_COUNT = 3;
  /** No rule: for the user's own data in the user's own process (the standalone fit). */
  public static final DisclosureRules NONE = new DisclosureRules(1, Double.MAX_VALUE, 0);
}
