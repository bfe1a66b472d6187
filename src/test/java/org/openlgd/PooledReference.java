package org.openlgd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;

/** The pooled least-squares fit by an independent implementation (Commons Math), the oracle of exactness tests. */
public final class PooledReference {
  private PooledReference() {
  }

  public static OLSMultipleLinearRegression fit(Dataset d) {
    double[][] x = new double[d.rows()][d.featureCount()];
    double[] y = new double[d.rows()];
    for (int i = 0; i < d.rows(); i++) {
      for (int j = 0; j < d.featureCount(); j++) {
        x[i][j] = d.x(j, i);
      }
      y[i] = d.y(i);
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(y, x);
    return ols;
  }

  /** Coefficients (intercept first) of the fit on all rows of the given CSV files. */
  public static double[] coefficients(List<String> files) throws Exception {
    List<Dataset> parts = new ArrayList<>();
    for (String f : files) {
      parts.add(CsvLoader.load(Path.of(f), null, List.of()));
    }
    return fit(Dataset.concat("pooled", parts)).estimateRegressionParameters();
  }
}
