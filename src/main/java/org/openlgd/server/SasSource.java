package org.openlgd.server;

import com.epam.parso.Column;
import com.epam.parso.SasFileReader;
import com.epam.parso.impl.SasFileReaderImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openlgd.config.ServerConfig;
import org.openlgd.data.Table;
import org.openlgd.data.TableBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows from a SAS data set ({@code .sas7bdat}), read with parso on a worker thread, row by row into column buffers.
 * Parso reads the files SAS writes; it cannot read those R's haven (ReadStat) writes, which SAS cannot read either
 * (ReadStat issue 98): such a file fails with a message naming it.
 * SAS numbers are numbers and a missing number ({@code .}, {@code .A}...) is missing; character values are text, and
 * an empty one is missing (SAS has no other missing text); dates and times come as their text.
 */
final class SasSource implements DataSource {
  private static final Logger LOG = LoggerFactory.getLogger(SasSource.class);

  private final Vertx vertx;
  private final String file;

  SasSource(Vertx vertx, ServerConfig.Data data) {
    this.vertx = vertx;
    this.file = data.source();
  }

  @Override
  public String describe() {
    return file;
  }

  @Override
  public Future<Table> load() {
    return vertx.executeBlocking(this::read, false);
  }

  private Table read() {
    long t0 = System.nanoTime();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16)) {
      SasFileReader sas = new SasFileReaderImpl(in);
      List<Column> columns = sas.getColumns();
      if (columns == null || columns.isEmpty()) {
        throw new SourceException(file + ": cannot read it as a SAS data set (no columns found)");
      }
      List<String> names = new ArrayList<>();
      columns.forEach(c -> names.add(c.getName()));
      TableBuilder out = new TableBuilder(file);
      out.columns(names);
      for (Object[] row = sas.readNext(); row != null; row = sas.readNext()) {
        for (int c = 0; c < row.length; c++) {
          Object v = row[c];
          out.cell(c, v instanceof String s && s.isBlank() ? null : v);
        }
        out.endRow();
      }
      Table t = out.table();
      LOG.info("loaded {} rows x {} columns from {} in {} ms", t.rows(), t.names().size(), file,
          (System.nanoTime() - t0) / 1_000_000);
      return t;
    } catch (SourceException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new SourceException(e.getMessage());
    } catch (NoSuchFileException e) {
      throw new SourceException(file + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new SourceException(file + ": cannot read it as a SAS data set (" + e + "); parso reads the data sets SAS "
          + "writes, not those of R's haven or other ReadStat writers (docs/data-sources.md)");
    }
  }
}
