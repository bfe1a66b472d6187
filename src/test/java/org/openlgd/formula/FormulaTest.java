package org.openlgd.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.data.Table;
import org.openlgd.stats.EstimationException;

class FormulaTest {
  private static final String CSV = "LGD,ltv,ead,collateral,w\n"
      + "0.5,0.8,100,cash,1\n"
      + "0.2,1.2,,real_estate,2\n"
      + "0.9,NA,50,none,1\n"
      + "0.1,0.5,20,cash,3\n"
      + "0.7,1.5,80,,1\n"
      + "0.3,0.9,60,none,2\n";

  private static Table table(Path dir) throws Exception {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, CSV);
    return CsvLoader.table(f);
  }

  private static Design design(String formula, Table t) {
    Formula f = Formula.parse(formula);
    return new Design(f, Design.levels(f, t, null));
  }

  @Test
  @DisplayName("a design's columns hold the transformed and coded values over the rows without a missing value")
  void values(@TempDir Path dir) throws Exception {
    Table t = table(dir);
    Design d = design("LGD ~ I(ltv ** 2) + np.log(ead) + C(collateral, Treatment('none')) + ltv:collateral", t);
    // the one real_estate row lacks ead: levels come from the rows kept, so real_estate is no level here
    assertThat(d.columnNames()).containsExactly("C(collateral, Treatment('none'))[T.cash]", "I(ltv ** 2)",
        "np.log(ead)", "ltv:collateral[cash]", "ltv:collateral[none]");
    Design.Built b = d.build(t, "w", Design.Missing.DROP);
    Dataset x = b.data();
    assertThat(b.dropped()).isEqualTo(3);
    assertThat(x.rows()).isEqualTo(3);
    assertThat(x.weighted()).isTrue();
    double[][] want = { // rows 1, 4 and 6 of the file
        {1, 0.64, Math.log(100), 0.8, 0},
        {1, 0.25, Math.log(20), 0.5, 0},
        {0, 0.81, Math.log(60), 0, 0.9}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < want[i].length; j++) {
        assertThat(x.x(j, i)).as("row %d column %s", i, d.columnNames().get(j)).isCloseTo(want[i][j], within(1e-15));
      }
    }
    assertThat(x.weight(2)).isEqualTo(2);
    assertThat(d.reference("C(collateral, Treatment('none'))")).isEqualTo("none");
  }

  @Test
  @DisplayName("--missing error names the file, line and column of the first missing value")
  void missingError(@TempDir Path dir) throws Exception {
    Table t = table(dir);
    assertThatThrownBy(() -> design("LGD ~ ltv + ead", t).build(t, null, Design.Missing.ERROR))
        .isInstanceOf(EstimationException.class)
        .hasMessageContaining(dir.resolve("t.csv") + ", line 3, column 3: missing value in column 'ead'");
  }

  @Test
  @DisplayName("bad formulas: syntax errors with their position, unknown columns and functions, text used as a number")
  void badFormulas(@TempDir Path dir) throws Exception {
    Table t = table(dir);
    assertThatThrownBy(() -> Formula.parse("LGD ~ ltv +")).hasMessageContaining("ends too early at character 12")
        .hasMessageContaining("LGD ~ ltv +\n             ^");
    assertThatThrownBy(() -> Formula.parse("LGD ~ (ltv + ead")).hasMessageContaining("'(' is not closed");
    assertThatThrownBy(() -> Formula.parse("LGD ltv")).hasMessageContaining("no '~'");
    assertThatThrownBy(() -> Formula.parse("LGD ~ ltv $ ead")).hasMessageContaining("unexpected character '$' at character 11");
    assertThatThrownBy(() -> Formula.parse("LGD ~ 2 + ltv")).hasMessageContaining("can only be 0 or 1");
    assertThatThrownBy(() -> Formula.parse("LGD ~ log(ead")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> design("LGD ~ ltvv", t)).isInstanceOf(FormulaException.class)
        .hasMessageContaining("unknown column 'ltvv'; the columns are [LGD, ltv, ead, collateral, w] at character 7");
    assertThatThrownBy(() -> design("LGD ~ logg(ead)", t)).hasMessageContaining("unknown function 'logg'")
        .hasMessageContaining("log, log1p, exp, sqrt, abs");
    assertThatThrownBy(() -> design("LGD ~ log(collateral)", t)).hasMessageContaining("column 'collateral' holds text "
        + "('cash' at " + dir.resolve("t.csv") + ", line 2, column 4), so it is categorical and cannot be used as a number");
    assertThatThrownBy(() -> design("collateral ~ ltv", t)).hasMessageContaining("the response collateral holds text");
    assertThatThrownBy(() -> design("LGD ~ C(collateral, Sum)", t)).hasMessageContaining("only treatment contrasts");
    assertThatThrownBy(() -> design("LGD ~ C(collateral, Treatment('gold'))", t))
        .hasMessageContaining("reference level gold of C(collateral, Treatment('gold')) is not one of its levels "
            + "[cash, none, real_estate]");
  }

  @Test
  @DisplayName("without an intercept the first categorical is coded in full, as patsy codes it")
  void noIntercept(@TempDir Path dir) throws Exception {
    Table t = table(dir);
    Design d = design("LGD ~ collateral + ltv - 1", t);
    assertThat(d.intercept()).isFalse();
    assertThat(d.columnNames()).containsExactly("collateral[cash]", "collateral[none]", "collateral[real_estate]", "ltv");
    assertThat(design("LGD ~ 0 + ltv", t).columnNames()).containsExactly("ltv");
  }

  @Test
  @DisplayName("hostile formulas end in an error, not a stack overflow or an explosion: depth, terms and columns bounded")
  void bounds(@TempDir Path dir) throws Exception {
    Table t = table(dir);
    assertThatThrownBy(() -> Formula.parse("y ~ " + "(".repeat(3000) + "a" + ")".repeat(3000)))
        .hasMessageContaining("nested more than 50 deep");
    assertThatThrownBy(() -> Formula.parse("y ~ I(" + "-".repeat(3000) + "a)")).hasMessageContaining("nested more than 50");
    StringBuilder many = new StringBuilder("y ~ (a0");
    for (int k = 1; k < 120; k++) {
      many.append(" + a").append(k);
    }
    assertThatThrownBy(() -> Formula.parse(many + ") ** 3")).hasMessageContaining("more than 500 terms");
    List<Object> manyLevels = new ArrayList<>();
    for (int k = 0; k < 60; k++) {
      manyLevels.add((double) k);
    }
    Formula f = Formula.parse("LGD ~ C(ltv):C(ead)");
    assertThatThrownBy(() -> new Design(f, Map.of("C(ltv)", manyLevels, "C(ead)", manyLevels)))
        .hasMessageContaining("would have up to 3601 columns; at most 2000");
    assertThat(design("LGD ~ ltv", t).columnNames()).containsExactly("ltv");
  }

  @Test
  @DisplayName("the algebra of terms: *, /, ** and -, each term once, the intercept removed by - 1 or + 0")
  void algebra() {
    assertThat(Formula.parse("y ~ a * b").terms()).hasToString("[a, b, a:b]");
    assertThat(Formula.parse("y ~ a / b").terms()).hasToString("[a, a:b]");
    assertThat(Formula.parse("y ~ (a + b + c) ** 2 - b:c").terms()).hasToString("[a, b, c, a:b, a:c]");
    assertThat(Formula.parse("y ~ a + b - a").terms()).hasToString("[b]");
    assertThat(Formula.parse("y ~ b:a + a:b").terms()).hasToString("[b:a]");
    assertThat(Formula.parse("y ~ a - 1").intercept()).isFalse();
    assertThat(Formula.parse("y ~ 0 + a").intercept()).isFalse();
    assertThat(Formula.parse("y ~ a + 1").intercept()).isTrue();
    assertThat(Formula.parse("y ~ log( x )+I(x*2)").terms()).hasToString("[log(x), I(x * 2)]");
    assertThat(Formula.parse("y ~ a + log(b) + a:c").columns()).containsExactly("y", "a", "b", "c");
    assertThat(Formula.parse("y ~ a + log(b) + C(c)").mainEffectsOnly()).isTrue();
    assertThat(Formula.parse("y ~ a + I(b > 1)").mainEffectsOnly()).isFalse();
  }

  @Test
  @DisplayName("levels of several sites join into one sorted list; a level absent at a site gives a zero column there")
  void levelsJoin(@TempDir Path dir) throws Exception {
    Table t = table(dir);
    Formula f = Formula.parse("LGD ~ collateral");
    Map<String, List<Object>> joined = Levels.union(List.of(Map.of("collateral", List.of("none", "zeta")),
        Design.levels(f, t, null)));
    assertThat(joined.get("collateral")).containsExactly("cash", "none", "real_estate", "zeta");
    Dataset x = new Design(f, joined).build(t, null, Design.Missing.DROP).data();
    assertThat(x.features()).containsExactly("collateral[T.none]", "collateral[T.real_estate]", "collateral[T.zeta]");
    for (int i = 0; i < x.rows(); i++) {
      assertThat(x.x(2, i)).isZero();
    }
    assertThat(Levels.sorted(List.of(10.0, 2.0, 1.5))).containsExactly(1.5, 2.0, 10.0);
    assertThat(Levels.format(2.0)).isEqualTo("2");
    assertThat(Levels.format(true)).isEqualTo("True");
  }
}
