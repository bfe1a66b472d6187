package org.openlgd.model;

import java.util.ArrayList;
import java.util.List;

/** Runs a protocol in memory as a coordinator would, each site a {@link LocalModel}, in the clear. */
final class Driver {
  private Driver() {
  }

  /** Every round of {@code p}, answered by the first {@code answering} of {@code sites}; the fit. */
  static Fit drive(Protocol p, List<LocalModel> sites, int answering) {
    for (Protocol.RoundRequest req = p.next(); req != null; req = p.next()) {
      List<LocalEstimate> replies = new ArrayList<>();
      for (LocalModel s : sites.subList(0, answering)) {
        replies.add(req.start() ? s.start(req.model(), req.boundary())
            : s.update(req.model(), req.parameters(), req.epoch(), req.boundary()));
      }
      p.accept(new Protocol.Replies(replies, sites.size()), Aggregator.PLAIN);
    }
    return p.result();
  }
}
