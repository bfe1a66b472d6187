package org.openlgd.coordinator;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openlgd.api.LevelsReply;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.ServerInfo;
import org.openlgd.formula.Design;
import org.openlgd.formula.DesignSpec;
import org.openlgd.formula.FormulaException;
import org.openlgd.formula.Levels;

/**
 * The first round of a run with a formula: every server reports the levels of the formula's categorical factors it
 * holds (names only) and how many rows it keeps; the run's levels are their union, sorted as patsy sorts them, and
 * with them the design matrix's columns are known before any estimate. A level absent at a server is fine there.
 */
final class DesignRound {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private DesignRound() {
  }

  /** The spec a run sends: its formula, or one made of the servers' own columns (target ~ features). */
  static DesignSpec resolve(DesignSpec spec, List<ServerInfo> servers) {
    if (servers.stream().anyMatch(ServerInfo::original)) {
      throw new IllegalStateException("original openLGD servers take no formula, weights or server effects; leave "
          + "--formula, --weights, --missing error and --server-effects out, or the original servers");
    }
    if (!spec.ownColumns()) {
      return spec;
    }
    ServerInfo first = ServerInfo.columns(servers);
    List<String> all = new ArrayList<>(first.features());
    all.add(0, first.target());
    for (String c : all) {
      if (!NAME.matcher(c).matches()) {
        throw new IllegalStateException("the servers' column '" + c + "' cannot be written in a formula; give --formula");
      }
    }
    return spec.withFormula(first.target() + " ~ " + String.join(" + ", first.features()));
  }

  /** The levels round over {@code members}: the run's design once every server asked has answered. */
  static Future<DesignSummary> run(RoundEngine engine, List<ModelServerClient> members, DesignSpec spec) {
    return engine.<LevelsReply>gather("levels", members, true, (c, call) -> c.levels(spec, call)).map(g -> {
      List<Map<String, List<Object>>> found = new ArrayList<>();
      Map<String, long[]> rows = new LinkedHashMap<>();
      List<ModelServerClient> answered = g.from(members);
      for (int k = 0; k < g.replies().size(); k++) {
        LevelsReply r = g.replies().get(k);
        found.add(r.levels());
        rows.put(answered.get(k).address(), new long[] {r.n(), r.dropped()});
      }
      DesignSpec withLevels = spec.withLevels(Levels.union(found));
      Design design;
      try {
        design = withLevels.design();
      } catch (FormulaException e) {
        throw new IllegalStateException(e.getMessage());
      }
      Map<String, Object> references = new LinkedHashMap<>();
      withLevels.levels().keySet().forEach(f -> references.put(f, design.reference(f)));
      return new DesignSummary(withLevels, design.columnNames(), references, rows);
    });
  }
}
