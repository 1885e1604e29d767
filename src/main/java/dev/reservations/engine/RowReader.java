package dev.reservations.engine;

import dev.reservations.core.AccountSid;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.internal.ReservationRows;
import org.jspecify.annotations.Nullable;

/**
 * Turns a row of the table into the immutable {@link Reservation} that callers see, reading the
 * row's fields and the sids of its keys. Holds no state of its own but the account sid and the
 * tables it reads; guarded by the engine's lock. O(1) per row, and one object of 96 bytes: the
 * reservation's and the task's sids and the dates go in as bits (see {@link ReservationRows}); the
 * workspace and worker sids are the ones their tables keep, the name the one the row's worker ref
 * keeps.
 */
final class RowReader {
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();

  private final ReservationRows.Maker maker = ReservationRows.maker();
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

  /**
   * The reservation of a row; {@code knownTask} is its task's sid when the caller has it, which
   * saves reading the task's bits from its table.
   */
  Reservation read(int row, @Nullable TaskSid knownTask) {
    int worker = table.worker(row);
    long taskHigh;
    long taskLow;
    if (knownTask != null) {
      taskHigh = knownTask.high();
      taskLow = knownTask.low();
    } else {
      int task = table.task(row);
      taskHigh = tasks.high(task);
      taskLow = tasks.low(task);
    }
    long sidHigh = table.sidHigh(row);
    return maker.make(
        sidHigh,
        table.sidLowOf(sidHigh),
        accountSid,
        // a task and its workers share a workspace; the workers' column is small and hot
        workspaces.sid(workers.workspace(worker)),
        taskHigh,
        taskLow,
        workers.sid(worker),
        table.workerName(row),
        STATUSES[table.status(row)],
        table.created(row),
        table.updated(row),
        table.version(row));
  }

  /**
   * The pending reservation that {@code reserve} is about to add as {@code row}, from the call's
   * own arguments, before the row exists; as {@link #read} will read it back.
   */
  Reservation pending(
      int row,
      WorkspaceSid workspaceSid,
      TaskSid taskSid,
      WorkerSid workerSid,
      String workerName,
      long createdNanos) {
    long sidHigh = table.sidHigh(row);
    return maker.make(
        sidHigh,
        table.sidLowOf(sidHigh),
        accountSid,
        workspaceSid,
        taskSid.high(),
        taskSid.low(),
        workerSid,
        workerName,
        ReservationStatus.PENDING,
        createdNanos,
        createdNanos,
        0);
  }
}
