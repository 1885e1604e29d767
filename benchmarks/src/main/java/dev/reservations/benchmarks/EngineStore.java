package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.List;

/**
 * Our engine behind the benchmark interface: each call is one engine call. Its default timeout is
 * 30 days, longer than any load, so only the reservations given a short timeout expire.
 */
final class EngineStore implements ReservationStore {
  private final ReservationEngine engine;
  private final WorkspaceSid workspace;

  EngineStore(WorkspaceSid workspace, InstantSource clock, long seed) {
    this.workspace = workspace;
    this.engine = ReservationEngine.builder()
        .seed(seed)
        .clock(clock)
        .reservationTimeout(Duration.ofDays(30))
        .build();
  }

  /** The engine itself, for tests. */
  ReservationEngine engine() {
    return engine;
  }

  @Override
  public Reservation reserve(TaskSid task, WorkerSid worker, String workerName,
      Duration timeout) {
    return engine.reserve(workspace, task, worker, workerName, timeout);
  }

  @Override
  public Reservation accept(ReservationSid sid) {
    return engine.accept(sid);
  }

  @Override
  public Reservation move(ReservationSid sid, ReservationStatus target) {
    switch (target) {
      case REJECTED:
        return engine.reject(sid);
      case TIMEOUT:
        return engine.timeout(sid);
      case WRAPPING:
        return engine.wrap(sid);
      case COMPLETED:
        return engine.complete(sid);
      case ACCEPTED:
        return engine.accept(sid);
      default:
        throw new IllegalArgumentException("not a move of this benchmark: " + target);
    }
  }

  @Override
  public void bulkInsert(Iterator<Reservation> rows, Duration timeout) {
    throw new UnsupportedOperationException("the engine is loaded call by call");
  }

  @Override
  public List<Reservation> expireDue() {
    return engine.expireDue();
  }

  @Override
  public Page<Reservation> list(ReservationQuery query) {
    return engine.list(query);
  }

  @Override
  public int size() {
    return engine.size();
  }

  @Override
  public void close() {}
}
