package org.openlgd.api;

import java.util.List;
import java.util.Map;

/**
 * A server's answer to a levels request: the levels of each categorical factor it holds (names only), the rows it
 * keeps and the rows it leaves out for a missing value.
 */
public record LevelsReply(Map<String, List<Object>> levels, long n, long dropped) {
}
