package org.openlgd.coordinator;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openlgd.api.ServerInfo;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.model.Likelihood;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.ReplyContent;
import org.openlgd.model.StageSummary;
import org.openlgd.stats.Inference;
import org.openlgd.stats.WeightedAverage;

/**
 * The human-readable account of a run: servers found, each server's estimate, the averaged estimate per epoch
 * (one aligned row per epoch with the change since the previous one), the final estimate and the time taken.
 */
public final class ConsoleReport implements RunListener {
  private final PrintStream out;
  private final boolean verbose;
  private final String label;
  private List<ServerInfo> servers = List.of();
  private List<String> columns = List.of();
  private List<String> features = List.of();
  private int width = 12;
  private int epochs = -1;
  private double[] previous;
  private String runId;
  private Model model;
  /** Whether the run models a formula (its columns are told once the levels round has found them). */
  private boolean formula;
  private boolean secure;
  /** The addresses left out of the previous round, so that a server's absence is told when it begins and ends. */
  private Set<String> away = Set.of();

  /**
   * @param label what produced the run, for the headline ("coordinator" or "standalone")
   * @param verbose also list every server's estimate in every epoch
   */
  public ConsoleReport(PrintStream out, String label, boolean verbose) {
    this.out = out;
    this.label = label;
    this.verbose = verbose;
  }

  @Override
  public void runStarted(String runId, CoordinatorConfig cfg) {
    formula = cfg.design() != null && !cfg.design().ownColumns();
    epochs = cfg.epochs();
    this.runId = runId;
    this.secure = cfg.secure();
  }

  @Override
  public void serversFound(Model model, List<ServerInfo> found) {
    this.model = model;
    servers = found;
    ServerInfo first = ServerInfo.columns(found);
    columns = model.parameterNames(first.features());
    features = first.features();
    width = Math.max(12, columns.stream().mapToInt(String::length).max().orElse(0) + 1);
    long total = Math.max(1, found.stream().mapToLong(ServerInfo::n).sum());
    boolean weighed = found.stream().anyMatch(ServerInfo::original);
    String columnsText = formula ? "the formula below" : first.target() + " ~ " + String.join(" + ", first.features());
    out.printf(Locale.ROOT, "openlgd %s: model %s, %d server%s, %s rows, %s%s%n", label, model, found.size(),
        found.size() == 1 ? "" : "s", weighed ? "? (original openLGD servers report none)" : Long.toString(total),
        columnsText, runId == null ? "" : " (run " + runId + (secure ? ", secure aggregation" : "") + ")");
    out.println();
    int urlWidth = Math.max(7, found.stream().mapToInt(s -> s.url().length()).max().orElse(3));
    out.printf(Locale.ROOT, "  %4s  %-" + urlWidth + "s  %8s  %6s  %s%n", "id", "address", "rows", "weight", "data fingerprint");
    for (ServerInfo s : found) {
      if (s.original()) {
        out.printf(Locale.ROOT, "  %4s  %-" + urlWidth + "s  %8s  %6s  %s%n", "-", s.url(), "?", "-",
            "original openLGD server (reports no rows)");
      } else {
        out.printf(Locale.ROOT, "  %4d  %-" + urlWidth + "s  %8d  %6.3f  %s%n", s.id(), s.url(), s.n(),
            (double) s.n() / total, s.fingerprint() == null ? "-" : s.fingerprint());
      }
    }
    out.println();
  }

  /** The formula, the levels of each categorical and the rows dropped; later tables name the design's columns. */
  @Override
  public void designed(DesignSummary design) {
    columns = model.parameterNames(design.columns());
    features = design.columns();
    width = Math.max(12, columns.stream().mapToInt(String::length).max().orElse(0) + 1);
    design.describe().forEach(out::println);
    out.println();
  }

  @Override
  public void round(FederatedResult.Round round) {
    report(round);
    if (round.attempts() > 1) {
      out.printf(Locale.ROOT, "  ! round %d was asked %d times: a secure round starts again without a server that fails%n",
          round.id(), round.attempts());
    }
    Set<String> now = new LinkedHashSet<>();
    for (String a : round.absent()) {
      String address = a.contains(": ") ? a.substring(0, a.indexOf(": ")) : a;
      now.add(address);
      if (!away.contains(address)) {
        out.printf(Locale.ROOT, "  ! round %d went on without %s%n", round.id(), a);
      }
    }
    for (String address : round.participants()) {
      if (away.contains(address)) {
        out.printf(Locale.ROOT, "  + round %d: %s takes part again%n", round.id(), address);
      }
    }
    away = now;
  }

  /** "answered/asked", then the step size since the previous round (blank for the first). */
  private String progress(FederatedResult.Round round) {
    String servers = round.participants().isEmpty() ? "1/1"
        : round.participants().size() + "/" + (round.participants().size() + round.absent().size());
    String step = previous == null || previous.length != round.combined().length ? ""
        : String.format(Locale.ROOT, "%.3e", WeightedAverage.l2Diff(previous, round.combined()));
    return String.format(Locale.ROOT, "%7s %10s", servers, step);
  }

  private void report(FederatedResult.Round round) {
    String progress = progress(round);
    previous = round.combined();
    LocalEstimate any = round.estimates().get(0);
    if (any.model().reply() == ReplyContent.SCORE) {
      if (round.epoch() == 1) {
        out.println("Scoring rounds (" + any.model() + "): every server returns its score statistics at the posted");
        out.println("parameters; the coordinator adds them up and takes a Newton/Fisher step until the objective settles:");
        header("round", any.model().parameterNames(features), String.format(Locale.ROOT, "%14s %7s %10s %8s",
            any.model().logLikelihood() ? "-2 loglik" : "deviance", "servers", "|step|", "ms"));
      }
      line(Integer.toString(round.epoch()), round.combined(), String.format(Locale.ROOT, "%14.6f %s %8.1f",
          round.deviance(), progress, round.millis()));
      return;
    }
    if (any.model().reply() == ReplyContent.R_FACTOR) {
      out.println("Each server's local fit (from its own rows only):");
      header("server", "");
      serverRows(round);
      line("pooled", round.combined(), "");
      return;
    }
    if (round.epoch() == 0) {
      out.println("Cold start: each server's local estimate, then the weighted average:");
      header("server", "");
      serverRows(round);
      line("average", round.combined(), "");
      out.println();
      out.println("Epochs: the average is sent to every server, each runs one pass from it, the replies are averaged:");
      header("epoch", String.format(Locale.ROOT, "%7s %10s %8s", "servers", "|step|", "ms"));
      return;
    }
    if (verbose) {
      serverRows(round);
    }
    line(epochs > 0 ? round.epoch() + "/" + epochs : Integer.toString(round.epoch()), round.combined(),
        String.format(Locale.ROOT, "%s %8.1f", progress, round.millis()));
  }

  @Override
  public void finished(FederatedResult r) {
    out.println();
    if (r.inference() != null) {
      printInference(r);
    } else {
      out.println("Final estimate:");
      for (int j = 0; j < columns.size(); j++) {
        out.printf(Locale.ROOT, "  %-" + width + "s %14s%n", columns.get(j), num(r.coefficients()[j]));
      }
      double distance = r.maxAbsDiffFromPooled();
      if (!Double.isNaN(distance)) {
        out.printf(Locale.ROOT, "  (federated averaging is approximate: the largest difference from the exact pooled"
            + " least-squares coefficients is %s)%n", num(distance).trim());
      }
    }
    if (r.meta() != null) {
      out.println();
      r.meta().describe().forEach(out::println);
    }
    if (r.crossValidation() != null) {
      out.println();
      r.crossValidation().describe().forEach(out::println);
    }
    if (r.validation() != null) {
      new ValidationTable(out, secure).print(r.validation(), r.servers().size() > 1 ? r.servers() : List.of(),
          this::label);
    }
    out.println();
    boolean weighed = r.servers().stream().anyMatch(ServerInfo::original);
    out.printf(Locale.ROOT, "n = %d %s on %d server%s, %d round%s, converged: %s, wall time %.1f ms%n",
        r.n(), weighed ? "(the sum of the weights: original openLGD servers report no rows)" : "rows", r.servers().size(), r.servers().size() == 1 ? "" : "s", r.rounds(), r.rounds() == 1 ? "" : "s",
        r.converged() ? "yes" : "no", r.coordinatorMs());
  }

  private void printInference(FederatedResult r) {
    Inference inf = r.inference();
    out.println(r.model().title() + " (exact: equal to one fit on all servers' rows)"
        + (r.ols() == null ? ", standard errors " + inf.covariance() : "") + ":");
    out.printf(Locale.ROOT, "  %-" + width + "s %14s %14s %9s %9s %14s %14s%n", "", "estimate", "std. error",
        inf.statisticName(), "p", "95% CI low", "95% CI high");
    for (int j = 0; j < columns.size(); j++) {
      if (!r.fit().reported(columns.get(j))) {
        continue;
      }
      out.printf(Locale.ROOT, "  %-" + width + "s %14s %14s %9.3f %9.3g %14s %14s%n", columns.get(j), num(inf.estimates()[j]),
          num(inf.standardErrors()[j]), inf.statistics()[j], inf.pValues()[j], num(inf.lower()[j]), num(inf.upper()[j]));
    }
    if (r.ols() != null) {
      out.printf(Locale.ROOT, "  R-squared %.6f, residual standard error %s on %d degrees of freedom%n",
          r.ols().rSquared(), num(r.ols().residualStdError()).trim(), inf.dof());
    }
    for (StageSummary st : r.stages()) {
      String fit = st.model().logLikelihood()
          ? String.format(Locale.ROOT, "log-likelihood %.6f", -st.deviance() / 2)
          : String.format(Locale.ROOT, "deviance %.6f, null deviance %.6f", st.deviance(), st.nullDeviance());
      String r2 = Double.isNaN(st.pseudoRSquared()) ? ""
          : String.format(Locale.ROOT, ", pseudo R-squared %.6f", st.pseudoRSquared());
      out.printf(Locale.ROOT, "  %s%s%s, %d rows, %d rounds%s%n",
          r.stages().size() > 1 ? st.model() + ": " : "", fit, r2, st.n(), st.rounds(),
          st.converged() ? "" : " (NOT converged: round limit reached)");
    }
    Likelihood l = r.likelihood();
    if (l != null) {
      out.printf(Locale.ROOT, "  log-likelihood %.6f, AIC %.4f, BIC %.4f (%d parameters, %d rows)%n", l.logLikelihood(),
          l.aic(), l.bic(), l.parameters(), l.n());
    }
  }

  private void header(String first, String extra) {
    header(first, columns, extra);
  }

  private void header(String first, List<String> names, String extra) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %8s", first));
    for (String c : names) {
      sb.append(String.format(Locale.ROOT, " %" + width + "s", c));
    }
    if (!extra.isEmpty()) {
      sb.append(" ").append(extra);
    }
    out.println(sb);
  }

  private void serverRows(FederatedResult.Round round) {
    List<LocalEstimate> estimates = round.estimates();
    for (int k = 0; k < estimates.size(); k++) {
      String id = Integer.toString(k + 1);
      if (k < round.participants().size()) {
        String address = round.participants().get(k);
        id = servers.stream().filter(s -> s.url().equals(address)).map(this::label).findFirst().orElse(id);
      } else if (k < servers.size()) {
        id = label(servers.get(k));
      }
      double[] c = estimates.get(k).coefficients();
      if (c == null) {
        out.printf(Locale.ROOT, "  %8s %" + width + "s%n", "s" + id,
            estimates.get(k).share() != null ? "(masked: secure aggregation)" : "(cannot fit alone: too few rows, "
            + "or a column it lacks)");
      } else {
        line("s" + id, c, "");
      }
    }
  }

  /** A server's id, or for an original openLGD server (which has none) its place in the list. */
  private String label(ServerInfo s) {
    return s.original() ? Integer.toString(servers.indexOf(s) + 1) : Integer.toString(s.id());
  }

  private void line(String first, double[] values, String extra) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %8s", first));
    for (double v : values) {
      sb.append(String.format(Locale.ROOT, " %" + width + "s", num(v)));
    }
    if (!extra.isEmpty()) {
      sb.append(" ").append(extra);
    }
    out.println(sb);
  }

  /** Fixed notation for ordinary magnitudes, scientific for very large or small ones. */
  static String num(double v) {
    double a = Math.abs(v);
    if (v != 0 && (a >= 1e6 || a < 1e-4)) {
      return String.format(Locale.ROOT, "%.6e", v);
    }
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
