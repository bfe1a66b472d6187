package org.openlgd.formula;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Table;

/** Column names against patsy's (fixture: src/test/resources/formula/statsmodels_formulas.py). */
class PatsyNamesTest {
  static JsonObject fixture() throws Exception {
    return new JsonObject(Files.readString(Path.of("src/test/resources/formula/statsmodels_formulas.json")));
  }

  static List<Table> banks() throws Exception {
    List<Table> out = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      out.add(CsvLoader.table(Path.of("data/categorical/bank" + k + ".csv")));
    }
    return out;
  }

  /** The design of {@code formula} over the four banks, levels found per bank and joined as a coordinator does. */
  static Design design(String formula, List<Table> banks) {
    Formula f = Formula.parse(formula);
    List<Map<String, List<Object>>> found = new ArrayList<>();
    for (Table t : banks) {
      found.add(Design.levels(f, t, null));
    }
    return new Design(f, Levels.union(found));
  }

  @Test
  @DisplayName("every formula's design columns are named exactly as patsy names them, levels joined over four banks")
  void namesAsPatsy() throws Exception {
    JsonObject names = fixture().getJsonObject("names");
    List<Table> banks = banks();
    assertThat(names.size()).isGreaterThanOrEqualTo(10);
    for (String formula : names.fieldNames()) {
      JsonArray expected = names.getJsonArray(formula);
      List<String> patsy = new ArrayList<>();
      expected.forEach(n -> patsy.add(n.equals("Intercept") ? "intercept" : (String) n));
      Design d = design(formula, banks);
      List<String> ours = new ArrayList<>(d.columnNames());
      ours.add(0, "intercept");
      assertThat(ours).as(formula).isEqualTo(patsy);
    }
  }
}
