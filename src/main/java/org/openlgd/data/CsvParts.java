package org.openlgd.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How {@link CsvLoader} cuts a file into parts at line ends, and runs a step on every part on a pool of threads. */
final class CsvParts {
  private static final Logger LOG = LoggerFactory.getLogger(CsvParts.class);

  private CsvParts() {
  }

  /** The byte ranges {@code [start, end)} of the parts, each ending after a newline (the last at the end). */
  static List<long[]> cut(CsvChunk.Source in, long from, long size, int threads) throws IOException {
    long count = threads == 1 ? 1 : Math.max(1, Math.min((long) threads * 4, (size - from) / CsvLoader.MIN_PART));
    List<long[]> out = new ArrayList<>();
    long start = from;
    byte[] probe = new byte[64 * 1024];
    for (long k = 1; k < count && start < size; k++) {
      long cut = Math.max(start, from + (size - from) * k / count);
      long end = nextLineStart(in, cut, size, probe);
      if (end > start && end < size) {
        out.add(new long[] {start, end});
        start = end;
      }
    }
    out.add(new long[] {start, size});
    return out;
  }

  /** The position just after the first newline at or after {@code at} (the size when there is none). */
  private static long nextLineStart(CsvChunk.Source in, long at, long size, byte[] probe) throws IOException {
    long pos = at;
    while (pos < size) {
      int n = in.read(pos, probe, 0, (int) Math.min(probe.length, size - pos));
      if (n <= 0) {
        return size;
      }
      for (int i = 0; i < n; i++) {
        if (probe[i] == '\n') {
          return pos + i + 1;
        }
      }
      pos += n;
    }
    return size;
  }

  /** A step of the loading, on one part. */
  interface Step<P, R> {
    R run(P part) throws IOException;
  }

  /** {@code step} on every part: on this thread for one part, else on a pool of at most {@code most} threads. */
  static <P, R> List<R> inParallel(List<P> parts, Step<P, R> step, int most, String name, boolean log)
      throws IOException {
    if (parts.size() == 1) {
      return List.of(step.run(parts.get(0)));
    }
    int threads = Math.min(parts.size(), most);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "openlgd-csv");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> done = new ArrayList<>();
      AtomicInteger finished = new AtomicInteger();
      for (P p : parts) {
        done.add(pool.submit(() -> {
          R r = step.run(p);
          if (log) {
            synchronized (finished) { // so that the lines come in order
              LOG.info("{}: {} of {} parts read ({} threads)", name, finished.incrementAndGet(), parts.size(), threads);
            }
          }
          return r;
        }));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : done) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + name, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
