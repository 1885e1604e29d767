package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * The worker history that the JSON and HTTP benchmarks page through: 60 reservations of one
 * worker, seven seconds apart, every other one accepted and completed and the rest rejected, so
 * that a 50-item page holds rows of two statuses, as a real history would.
 */
final class History {
  /** How many reservations a history holds. */
  static final int LENGTH = 60;

  private History() {}

  /**
   * Makes {@code worker}'s history in {@code engine}, the {@code i}-th reservation of task {@code
   * task.apply(i)}, advancing {@code clock} seven seconds after each.
   */
  static void make(ReservationEngine engine, MutableClock clock, WorkspaceSid workspace,
      WorkerSid worker, IntFunction<TaskSid> task) {
    for (int i = 0; i < LENGTH; i++) {
      Reservation r = engine.reserve(workspace, task.apply(i), worker, "Doug");
      clock.advance(Duration.ofSeconds(7));
      if (i % 2 == 0) {
        engine.accept(r.sid());
        engine.complete(r.sid());
      } else {
        engine.reject(r.sid());
      }
    }
  }
}
