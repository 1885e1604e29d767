package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

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

  /**
   * Adds reservations in their final state, each under a sid of this store's own, pending ones
   * with a deadline {@code timeout} after their creation: the competitors' fast path for loading
   * (see {@link RecordingStore}). The engine has no such API and is always loaded call by call.
   */
  void bulkInsert(Iterator<Reservation> rows, Duration timeout);

  /**
   * Runs {@code script} against {@code store}: call by call for the engine, and for the
   * competitors against a {@link RecordingStore} whose final rows are then bulk-inserted. The
   * clock ends at the same reading either way.
   */
  static void fill(ReservationStore store, WorkspaceSid workspace, MutableClock clock,
      Consumer<ReservationStore> script) {
    if (store instanceof EngineStore) {
      script.accept(store);
      return;
    }
    RecordingStore recording = new RecordingStore(workspace, clock);
    script.accept(recording);
    store.bulkInsert(recording.rows(), Dataset.LONG_TIMEOUT);
  }

  /** How many reservations the store holds. */
  int size();

  @Override
  void close();
}
