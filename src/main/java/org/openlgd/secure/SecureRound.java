package org.openlgd.secure;

import java.util.List;

/**
 * The participant set of one attempt at a secure round: every participant masks against exactly these servers. A
 * round whose participant fails is restarted with the others under the next attempt number, so with new masks.
 */
public record SecureRound(int attempt, List<Participant> participants) {
  /** Fewer participants and each learns the others' statistics from the sum. */
  public static final int MIN_PARTICIPANTS = 3;

  public SecureRound {
    participants = List.copyOf(participants);
  }
}
