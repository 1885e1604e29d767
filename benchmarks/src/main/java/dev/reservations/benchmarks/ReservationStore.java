package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.List;

/**
 * The operations every competitor answers, with results materialised as the engine's API returns
 * them. A store holds one workspace and reads time from the clock it was built with.
 *
 * <p>The competitors keep the state machine (a move from a status that cannot reach the target
 * fails, accepting rescinds the task's other pending reservations, a pending reservation times
 * out at its deadline) but not the engine's task rules on {@code reserve} (assigned or canceled
 * tasks, one pending reservation per worker and task), which makes their inserts cheaper: the
 * ratios are conservative. Their page tokens are keyset cursors of their own.
 */
public interface ReservationStore extends AutoCloseable {
  /** Creates a pending reservation that times out {@code timeout} after its creation. */
  Reservation reserve(TaskSid task, WorkerSid worker, String workerName, Duration timeout);

  /** Accepts a pending reservation and rescinds the other pending ones of its task. */
  Reservation accept(ReservationSid sid);

  /** Moves a reservation to {@code target} (rejected, timeout, wrapping, completed). */
  Reservation move(ReservationSid sid, ReservationStatus target);

  /** Times out the pending reservations that are due, in deadline order, then list order. */
  List<Reservation> expireDue();

  /** One page of a task's or a worker's reservations, ordered by date created, then sid. */
  Page<Reservation> list(ReservationQuery query);

  /** How many reservations the store holds. */
  int size();

  @Override
  void close();
}
