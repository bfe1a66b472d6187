package org.openlgd.cli;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;

/** The one way command-line code waits for a Vert.x future: it blocks the calling (non-Vert.x) thread. */
final class Await {
  private Await() {
  }

  /**
   * The future's result; its failure is rethrown as is when it is a runtime exception, else wrapped in an
   * {@link ExecutionException} whose message is the cause's.
   */
  static <T> T result(Future<T> future) throws ExecutionException {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ExecutionException(e.getCause().getMessage(), e.getCause());
    }
  }
}
