package org.openlgd.data;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC driver for a URL: one on the class path (PostgreSQL's and H2's come with openlgd; others by {@code java
 * -cp openlgd.jar:driver.jar org.openlgd.cli.Openlgd ...}), else one in a jar in the {@code lib/} folder beside
 * openlgd.jar (where the build puts DuckDB's, the optional Parquet engine, and where a bank can drop its own driver).
 * The folder's jars get their own class loader, made once; drivers are found by the JDBC service files in them.
 */
public final class Drivers {
  private static final Logger LOG = LoggerFactory.getLogger(Drivers.class);
  private static volatile ClassLoader lib;

  private Drivers() {
  }

  /** The driver that accepts {@code url}; fails with a message saying where to put one. */
  public static Driver forUrl(String url, String shown) throws SQLException {
    try {
      return DriverManager.getDriver(url);
    } catch (SQLException notOnClassPath) {
      for (Driver d : ServiceLoader.load(Driver.class, libLoader())) {
        if (d.acceptsURL(url)) {
          return d;
        }
      }
    }
    Path folder = libFolder();
    throw new SQLException(shown + ": no JDBC driver for this URL on the class path"
        + (folder == null ? "" : " or in " + folder) + "; put the database's driver jar in that folder, or run "
        + "java -cp openlgd.jar:DRIVER.jar org.openlgd.cli.Openlgd ... (docs/data-sources.md)", "08001");
  }

  private static ClassLoader libLoader() {
    ClassLoader l = lib;
    if (l == null) {
      synchronized (Drivers.class) {
        if (lib == null) {
          lib = new URLClassLoader(jars(libFolder()), Drivers.class.getClassLoader());
        }
        l = lib;
      }
    }
    return l;
  }

  private static URL[] jars(Path folder) {
    List<URL> urls = new ArrayList<>();
    if (folder != null && Files.isDirectory(folder)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.jar")) {
        for (Path p : s) {
          urls.add(p.toUri().toURL());
        }
      } catch (IOException e) {
        LOG.info("cannot list {}: {}", folder, e.getMessage());
      }
    }
    LOG.debug("JDBC drivers looked for in {} jar(s) of {}", urls.size(), folder);
    return urls.toArray(URL[]::new);
  }

  /** {@code lib/} beside the jar openlgd runs from (null when it runs from classes, as in the unit tests). */
  public static Path libFolder() {
    try {
      Path here = Path.of(Drivers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(here) ? here.resolveSibling("lib") : null;
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }
}
