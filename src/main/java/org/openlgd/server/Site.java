package org.openlgd.server;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Dataset;
import org.openlgd.data.Table;
import org.openlgd.formula.Design;
import org.openlgd.formula.DesignSpec;
import org.openlgd.formula.Formula;
import org.openlgd.formula.FormulaException;
import org.openlgd.model.LocalModel;

/**
 * A model server's loaded rows: the raw {@link Table}, the model of its own columns (its {@code --formula}, or
 * {@code --target} and {@code --features}), and the designs runs have asked for, each built once and kept while in
 * use (the last {@value #KEEP}). Replaced as a whole when the data are reloaded.
 */
final class Site {
  private static final int KEEP = 4;

  /**
   * The rows of one design, ready to estimate on.
   *
   * @param categoryProblem what the disclosure rule min-category-count finds in its design matrix, or null
   * @param dropped         rows left out for a missing value
   */
  record Designed(LocalModel model, String categoryProblem, int dropped) {
    Dataset data() {
      return model.data();
    }
  }

  private final Table table;
  private final String dataFingerprint;
  private final ServerConfig cfg;
  private final Designed own;
  private final Map<DesignSpec, Designed> designs = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<DesignSpec, Designed> eldest) {
      return size() > KEEP;
    }
  };

  Site(Table table, ServerConfig cfg) {
    this.table = table;
    this.dataFingerprint = table.fingerprint();
    this.cfg = cfg;
    ServerConfig.Data data = cfg.data();
    Formula f = data.formula() != null ? Formula.parse(data.formula()) : shorthand(table, data);
    Design.Built b = Design.local(f, table, data.weights(), data.missing());
    Design design = b.design();
    if (design.columnNames().isEmpty()) {
      throw new FormulaException(table.source() + ": the model " + f.text() + " has no column but the intercept here"
          + design.levels().keySet().stream().map(k -> "; " + k + " is categorical (text) with the single level "
              + design.levels().get(k)).collect(Collectors.joining()));
    }
    this.own = designed(b);
  }

  /** {@code --target} (default Y, else the first column) ~ {@code --features} (default: every other column). */
  private static Formula shorthand(Table table, ServerConfig.Data data) {
    List<String> names = table.names();
    String target = data.target() != null ? data.target() : names.contains("Y") ? "Y" : names.get(0);
    if (!names.contains(target)) {
      throw new FormulaException(table.source() + ": no column named '" + target + "' (the target); the columns are " + names);
    }
    List<String> features = data.features().isEmpty() ? names.stream().filter(n -> !n.equals(target)).toList() : data.features();
    if (features.isEmpty()) {
      throw new FormulaException(table.source() + ": need at least one feature column besides the target '" + target + "'");
    }
    return Formula.of(target, features);
  }

  Designed own() {
    return own;
  }

  /** The rows of a run's design (its levels known), built on first use. */
  synchronized Designed designed(DesignSpec spec) {
    Designed d = designs.get(spec);
    if (d == null) {
      d = designed(spec.design().build(withServer(spec), spec.weights(), spec.missing()));
      designs.put(spec, d);
    }
    return d;
  }

  /** The levels round here: the rows of each level of each categorical factor of a run's design, and the rows kept. */
  Design.Found found(DesignSpec spec) {
    return Design.found(spec.parsed(), withServer(spec), spec.weights());
  }

  /** All rows as loaded, kept or not. */
  Table table() {
    return table;
  }

  /** The fingerprint of every loaded value ({@link Table#fingerprint}). */
  String dataFingerprint() {
    return dataFingerprint;
  }

  int rows() {
    return table.rows();
  }

  private Designed designed(Design.Built b) {
    return new Designed(new LocalModel(b.data(), cfg.sgd().seed(), cfg.sgd().eta0()),
        Disclosure.categoryProblem(cfg.trust().disclosure(), b.data()), b.dropped());
  }

  /** The table, with the constant server indicator when the spec asks for server effects. */
  private Table withServer(DesignSpec spec) {
    if (!spec.serverEffects()) {
      return table;
    }
    double[] id = new double[table.rows()];
    Arrays.fill(id, cfg.id());
    return table.with(Design.SERVER, new Table.Numbers(id));
  }
}
