package org.openlgd.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Parquet files written from the project's CSV files by DuckDB (the optional engine, found by {@link Drivers}), with
 * the column types the CSV reader gives them: a number column as DOUBLE, a text column as VARCHAR, and the cells
 * the CSV reader takes as missing as NULL. So a Parquet file holds the values its CSV file gives, bit for bit (both
 * readers round a decimal to the nearest double), and the two give one data fingerprint.
 */
public final class ParquetFiles {
  private static final String DUCKDB = "jdbc:duckdb:";

  private ParquetFiles() {
  }

  /** Writes {@code csv}'s rows to {@code parquet} (replaced if there). */
  public static void fromCsv(Path csv, Path parquet) throws IOException, DataFormatException, SQLException {
    Table t = CsvLoader.table(csv);
    List<String> types = new ArrayList<>();
    for (String name : t.names()) {
      types.add(literal(name) + ": '" + (t.column(name) instanceof Table.Numbers ? "DOUBLE" : "VARCHAR") + "'");
    }
    List<String> missing = new ArrayList<>(List.of("''"));
    CsvText.MISSING.stream().sorted().forEach(m -> missing.add(literal(m)));
    Files.deleteIfExists(parquet);
    String sql = "COPY (SELECT * FROM read_csv(" + literal(csv.toString()) + ", header = true, delim = ',', "
        + "quote = '\"', auto_detect = false, columns = {" + String.join(", ", types) + "}, nullstr = ["
        + String.join(", ", missing) + "])) TO " + literal(parquet.toString()) + " (FORMAT parquet)";
    try (Connection c = Drivers.forUrl(DUCKDB, "DuckDB").connect(DUCKDB, new Properties());
         Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A SQL string literal. */
  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
