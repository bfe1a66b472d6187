package org.openlgd.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.openlgd.api.BadRequestException;
import org.openlgd.api.DescribeCodec;
import org.openlgd.api.JsonValues;
import org.openlgd.config.DisclosureRules;
import org.openlgd.data.Table;
import org.openlgd.stats.Summary;

/**
 * A server's description of its loaded rows ({@code POST /describe}), made so that no row value leaves it: per numeric
 * column the count, missing count, mean and sum of squared deviations, and with a grid the counts per bin and the
 * quantiles read from them; per text column the rows of each level with the mean of the target on them.
 *
 * <p>Disclosure ({@code --min-category-count} C, {@code --min-rows} R): a level under C is named nowhere, its rows go
 * to {@code other} (with missing cells under C); a numeric column whose missing cells are 1 to C - 1, or that has
 * fewer than max(C, R) values, is not described; bins are counted from the cells of a lattice (see
 * {@link Summary.Grid#latticeCounts}) of a width no finer than 1/{@value #FINEST} of the column's standard deviation
 * here, each cell under C counted nowhere, so that shifted grids cannot be differenced down to one loan; quantiles are
 * read from the bins shown.
 */
final class Describer {
  /** The finest bin a server counts in, as a fraction of the column's standard deviation at the server. */
  static final int FINEST = 100;

  private final Table table;
  private final int minCount;
  private final int minValues;

  Describer(Table table, DisclosureRules rules) {
    this.table = table;
    this.minCount = Math.max(1, rules.minCategoryCount());
    this.minValues = Math.max(minCount, rules.minRows());
  }

  /** The reply to {@code request}: {@code target} (default {@code ownTarget}) and optional {@code grids}. */
  JsonObject reply(int id, String ownTarget, JsonObject request) {
    DescribeCodec.Request req = DescribeCodec.parseRequest(request);
    String target = req.target() != null ? req.target() : ownTarget;
    if (!(table.column(target) instanceof Table.Numbers y)) {
      throw new BadRequestException(table.column(target) == null
          ? "no column named '" + target + "' here (the target to average by level); the columns are " + table.names()
          : "the target '" + target + "' is a text column here; the mean by level needs numbers");
    }
    JsonObject numbers = new JsonObject();
    JsonObject categories = new JsonObject();
    for (String name : table.names()) {
      Table.Column c = table.column(name);
      if (c instanceof Table.Numbers x) {
        numbers.put(name, numeric(name, x.values(), req.grids().get(name)));
      } else {
        categories.put(name, categorical((Table.Text) c, y.values()));
      }
    }
    return new JsonObject().put("id", id).put(DescribeCodec.ROWS, table.rows()).put(DescribeCodec.TARGET, target)
        .put(DescribeCodec.MIN_COUNT, minCount).put(DescribeCodec.MIN_VALUES, minValues)
        .put(DescribeCodec.NUMBERS, numbers).put(DescribeCodec.CATEGORIES, categories);
  }

  private JsonObject numeric(String column, double[] x, Summary.Grid grid) {
    boolean[] missing = new boolean[x.length];
    long absent = 0;
    for (int i = 0; i < x.length; i++) {
      missing[i] = Double.isNaN(x[i]);
      absent += missing[i] ? 1 : 0;
    }
    Summary.Moments m = Summary.Moments.of(x, missing);
    if (!Summary.shown(absent, minCount) || m.n() < minValues) {
      // rows - n would give a missing count under the minimum: the column is not described here
      return new JsonObject().put(DescribeCodec.N, null).put(DescribeCodec.MISSING, null).put(DescribeCodec.MOMENTS, null);
    }
    JsonObject out = new JsonObject().put(DescribeCodec.N, m.n()).put(DescribeCodec.MISSING, absent)
        .put(DescribeCodec.MOMENTS, DescribeCodec.moments(m)).put("mean", m.mean()).put("sd", JsonValues.orNull(m.sd()));
    if (grid != null) {
      if (Double.isNaN(grid.lattice()) || grid.lattice() < m.sd() / FINEST) {
        return out.put(DescribeCodec.REFUSED, "the grid from " + grid.lo() + " to " + grid.hi() + " in " + grid.bins()
            + " bins is not one this server counts " + column + " in: a width of 1, 2 or 5 times a power of ten, lo a "
            + "multiple of it, and at least 1/" + FINEST + " of the column's standard deviation here");
      }
      long[] hiddenCount = new long[1];
      long[] shown = grid.latticeCounts(x, missing, minCount, hiddenCount);
      long hidden = hiddenCount[0];
      JsonArray q = new JsonArray();
      for (double p : Summary.QUANTILES) {
        q.add(JsonValues.orNull(grid.quantile(shown, p)));
      }
      out.put(DescribeCodec.GRID, DescribeCodec.grid(grid)).put(DescribeCodec.COUNTS, JsonValues.counts(shown))
          .put(DescribeCodec.HIDDEN, hidden).put(DescribeCodec.QUANTILES, q);
    }
    return out;
  }

  private JsonObject categorical(Table.Text t, double[] y) {
    int k = t.levels().size();
    long[] n = new long[k];
    long[] yn = new long[k];
    double[] ySum = new double[k];
    long absent = 0;
    for (int i = 0; i < t.codes().length; i++) {
      int c = t.codes()[i];
      if (c < 0) {
        absent++;
        continue;
      }
      n[c]++;
      if (!Double.isNaN(y[i])) {
        yn[c]++;
        ySum[c] += y[i];
      }
    }
    JsonArray levels = new JsonArray();
    long otherN = 0;
    long otherYn = 0;
    double otherSum = 0;
    int otherLevels = 0;
    long missingShown = absent >= minCount || absent == 0 ? absent : 0;
    long missingTooFew = absent - missingShown;
    for (int c = 0; c < k; c++) {
      if (n[c] >= minCount) {
        levels.add(level(n[c], yn[c], ySum[c]).put(DescribeCodec.LEVEL, t.levels().get(c)));
      } else if (n[c] > 0) {
        otherLevels++;
        otherN += n[c];
        otherYn += yn[c];
        otherSum += ySum[c];
      }
    }
    // missing cells under the minimum join the rare levels, so that rows - the levels shown reveals neither alone
    JsonObject other = otherLevels == 0 && missingTooFew == 0 ? null : level(otherN + missingTooFew, otherYn, otherSum)
        .put(DescribeCodec.LEVELS, otherLevels).put(DescribeCodec.MISSING, missingTooFew > 0);
    return new JsonObject().put(DescribeCodec.MISSING, missingTooFew > 0 ? null : missingShown).put(DescribeCodec.LEVELS, levels)
        .put(DescribeCodec.OTHER, other);
  }

  /** A level's rows and the mean target on them, each shown only when it rests on enough rows. */
  private JsonObject level(long n, long yn, double ySum) {
    return new JsonObject().put(DescribeCodec.N, count(n)).put(DescribeCodec.TARGET_N, count(yn))
        .put(DescribeCodec.TARGET_SUM, yn >= minCount ? ySum : null)
        .put(DescribeCodec.TARGET_MEAN, yn >= minCount ? ySum / yn : null);
  }

  private Long count(long c) {
    return Summary.shown(c, minCount) ? c : null;
  }

}
