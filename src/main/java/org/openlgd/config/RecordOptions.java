package org.openlgd.config;

import picocli.CommandLine.Option;

/** Where runs are recorded. */
public final class RecordOptions {
  @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs",
      description = "where coordinator, simulate and dashboard runs are recorded (one directory per run)")
  String runsDir;
  @Option(names = "--record", paramLabel = "true|false", arity = "1", defaultValue = "true",
      description = "false: write no run record")
  boolean record;

  public String runsDir() {
    return runsDir;
  }

  public boolean record() {
    return record;
  }
}
