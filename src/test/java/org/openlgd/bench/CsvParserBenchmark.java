package org.openlgd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openlgd.data.CsvLoader;
import org.openlgd.data.Dataset;
import org.openlgd.data.LgdGenerator;

/**
 * The CSV loader alone (file in the page cache to columns of doubles), on a generated file of 200,000 rows x 11
 * columns: numbers written in full (17 significant digits, as pandas and most tools write doubles) or short (at most 6
 * decimals, as the shipped data), parsed on 1 thread or on 2. {@code ./run.sh bench-csv} runs it and turns the times
 * into MB/s (bench/summary.py jmh).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class CsvParserBenchmark {
  static final int ROWS = 200_000;

  @Param({"full", "short"})
  public String numbers;

  @Param({"1", "2"})
  public int threads;

  private Path dir;
  private Path file;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("openlgd-csv-bench");
    file = LgdGenerator.write(dir, 1, ROWS, 7L, 6, numbers.equals("full")).get(0);
    String sizes = System.getProperty("openlgd.csvbench.sizes"); // where bench-csv reads the sizes for MB/s
    if (sizes != null) {
      Files.writeString(Path.of(sizes), numbers + " " + Files.size(file) + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  @TearDown(Level.Trial)
  public void remove() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public Dataset load() throws Exception {
    return CsvLoader.load(file, null, List.of(), threads);
  }
}
