package org.openlgd.api;

/**
 * Event-bus addresses, in one place. Every model server has a unique key and answers the same operations as its
 * HTTP endpoints on {@code openlgd.server.<key>.hello|start|update}; discovery uses one broadcast address.
 */
public final class Addresses {
  /** Published by a coordinator with {@code {"replyTo": address}}; every server sends its announcement there. */
  public static final String DISCOVER = "openlgd.discover";
  /** Published by a server that is shutting down, with {@code {"key": key}}. */
  public static final String LEFT = "openlgd.server.left";

  public static final String HELLO = "hello";
  public static final String START = "start";
  public static final String UPDATE = "update";
  public static final String VALIDATE = "validate";
  public static final String KEYS = "keys";
  public static final String LEVELS = "levels";
  public static final String DESCRIBE = "describe";

  private static final String SERVER_PREFIX = "openlgd.server.";

  /** Where a dashboard publishes run events (local to its JVM) for its server-sent-event streams. */
  public static final String DASHBOARD_EVENTS = "openlgd.dashboard.events";

  private Addresses() {
  }

  /** The address of operation {@code op} ({@link #HELLO}, {@link #START} or {@link #UPDATE}) of server {@code key}. */
  public static String server(String key, String op) {
    return SERVER_PREFIX + key + "." + op;
  }

  /** A coordinator's private address for discovery replies. */
  public static String discoveryReplies(String coordinatorId) {
    return "openlgd.coordinator." + coordinatorId + ".found";
  }
}
