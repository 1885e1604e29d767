package dev.reservations.engine;

import dev.reservations.core.AccountSid;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Turns a row of the table into the immutable {@link Reservation} that callers see, reading the
 * row's fields and the sids of its keys. Holds no state of its own; guarded by the engine's lock.
 * O(1) per row: the record, its sid, one or two {@code Instant}s and the task's sid unless the
 * caller has it.
 */
final class RowReader {
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();

  private final ReservationTable table;
  private final AccountSid accountSid;
  private final KeyTable<WorkspaceSid> workspaces;
  private final KeyTable<TaskSid> tasks;
  private final KeyTable<WorkerSid> workers;

  RowReader(
      ReservationTable table,
      AccountSid accountSid,
      KeyTable<WorkspaceSid> workspaces,
      KeyTable<TaskSid> tasks,
      KeyTable<WorkerSid> workers) {
    this.table = table;
    this.accountSid = accountSid;
    this.workspaces = workspaces;
    this.tasks = tasks;
    this.workers = workers;
  }

  Reservation read(int row) {
    return read(row, null);
  }

  /** The reservation of a row; {@code knownTask} is its task's sid when the caller has it. */
  Reservation read(int row, @Nullable TaskSid knownTask) {
    int worker = table.worker(row);
    long created = table.created(row);
    long updated = table.updated(row);
    Instant dateCreated = instant(created);
    return new Reservation(
        table.sid(row),
        accountSid,
        // a task and its workers share a workspace; the workers' column is small and hot
        workspaces.sid(workers.workspace(worker)),
        knownTask != null ? knownTask : tasks.sid(table.task(row)),
        workers.sid(worker),
        table.workerName(row),
        STATUSES[table.status(row)],
        dateCreated,
        updated == created ? dateCreated : instant(updated),
        table.version(row));
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
