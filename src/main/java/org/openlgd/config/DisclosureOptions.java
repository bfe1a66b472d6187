package org.openlgd.config;

import picocli.CommandLine.Option;

/** A model server's disclosure rules. */
public final class DisclosureOptions {
  @Option(names = "--min-rows", paramLabel = "N", defaultValue = "" + DisclosureRules.DEFAULT_MIN_ROWS,
      description = "disclosure: an answer must rest on at least N rows")
  int minRows;
  @Option(names = "--max-parameter-ratio", paramLabel = "R", defaultValue = "" + DisclosureRules.DEFAULT_MAX_PARAMETER_RATIO,
      description = "disclosure: at most R x rows parameters")
  double maxParameterRatio;
  @Option(names = "--min-category-count", paramLabel = "C", defaultValue = "" + DisclosureRules.DEFAULT_MIN_CATEGORY_COUNT,
      description = "disclosure: every binary (0/1) column needs at least C rows of each value")
  int minCategoryCount;

  DisclosureRules rules(String context) {
    return new DisclosureRules(Check.range(context, "min-rows", minRows, 1, Integer.MAX_VALUE), maxParameterRatio,
        Check.range(context, "min-category-count", minCategoryCount, 0, Integer.MAX_VALUE));
  }
}
