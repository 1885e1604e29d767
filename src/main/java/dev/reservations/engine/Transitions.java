package dev.reservations.engine;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.ReservationQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state changes of rows: a new pending row, a row's move to another status, and the deletion of
 * a task's rows, with every index, the pending pairs, the deadlines and the counts kept in step,
 * and each change announced to the event queue. The engine checks the rules and grows every
 * structure first; the methods here then allocate nothing but the reservations they return or
 * announce (and, to delete a task of more rows than a page, a buffer for them), and cannot fail.
 *
 * <p>Layout: {@code counts} holds the number of rows in each status; {@code scratch} is a buffer of
 * a page's size for a task's pending (or, to delete, all its) rows, reused while the task has no
 * more. Guarded by the engine's lock.
 *
 * <p>Invariants: {@code counts} sums to the table's size, and each entry is the number of the
 * table's rows in that status.
 */
final class Transitions {
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();
  private static final int PENDING = ReservationStatus.PENDING.ordinal();

  final int[] counts = new int[STATUSES.length];

  private final ReservationTable table;
  private final KeyIndex taskRows;
  private final KeyIndex workerRows;
  private final PendingPairs pendingPairs;
  private final DeadlineQueue deadlines;
  private final RowReader reader;
  private final EventQueue events;
  private final int[] scratch = new int[ReservationQuery.MAX_PAGE_SIZE + 1];

  Transitions(
      ReservationTable table,
      KeyTable<?> tasks,
      KeyTable<?> workers,
      PendingPairs pendingPairs,
      DeadlineQueue deadlines,
      RowReader reader,
      EventQueue events) {
    this.table = table;
    this.taskRows = Objects.requireNonNull(tasks.rows);
    this.workerRows = Objects.requireNonNull(workers.rows);
    this.pendingPairs = pendingPairs;
    this.deadlines = deadlines;
    this.reader = reader;
    this.events = events;
  }

  /** Adds the next row of the table, pending since {@code now}, under its task and worker. */
  void add(int task, int worker, String workerName, long now, long timeout) {
    int row = table.add(task, worker, workerName, PENDING, now);
    taskRows.add(task, row);
    workerRows.add(worker, row);
    deadlines.add(row, timeout);
    pendingPairs.add(task, worker);
    counts[PENDING]++;
  }

  /**
   * Grows what moving {@code row} to {@code status} needs in its task's and its worker's index, so
   * that the {@link #move} that follows allocates nothing in them.
   */
  void ensureRoomToMove(int row, int status) {
    taskRows.ensureRoomToMove(table.task(row), status);
    workerRows.ensureRoomToMove(table.worker(row), status);
  }

  /**
   * Moves a row to a status, updates every index and count, and announces it. Returns the moved
   * reservation if {@code wanted} or a listener hears of it, else null: a rescind or a timeout
   * nobody asked about allocates nothing.
   */
  @Nullable Reservation move(int row, int status, long at, boolean wanted) {
    int from = table.status(row);
    table.update(row, status, at);
    taskRows.move(table.task(row), row, from);
    workerRows.move(table.worker(row), row, from);
    if (from == PENDING) {
      pendingPairs.remove(table.task(row), table.worker(row));
    }
    counts[from]--;
    counts[status]++;
    if (!wanted && !events.hasListeners()) {
      return null;
    }
    Reservation moved = reader.read(row);
    events.announce(ReservationEvent.Type.entering(STATUSES[status]), moved, STATUSES[from]);
    return moved;
  }

  /** Rescinds the task's pending rows, in list order. */
  void rescindPending(int task, long now) {
    int[] pending = rowsOf(task);
    for (int i = 0, n = readPending(task, pending); i < n; i++) {
      move(pending[i], ReservationStatus.RESCINDED.ordinal(), now, false);
    }
  }

  /** Cancels the task's pending rows; returns them canceled, in list order, unmodifiable. */
  List<Reservation> cancelPending(int task, long now) {
    int[] pending = rowsOf(task);
    int n = readPending(task, pending);
    List<Reservation> canceled = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      canceled.add(
          Objects.requireNonNull(
              move(pending[i], ReservationStatus.CANCELED.ordinal(), now, true)));
    }
    return Collections.unmodifiableList(canceled);
  }

  /**
   * Times out the due rows, each at its deadline; returns them timed out, unmodifiable, if {@code
   * collect}, else an empty list.
   */
  List<Reservation> timeOut(DeadlineQueue.Due due, boolean collect) {
    List<Reservation> expired = collect ? new ArrayList<>(due.rows().length) : null;
    for (int i = 0; i < due.rows().length; i++) {
      Reservation r =
          move(due.rows()[i], ReservationStatus.TIMEOUT.ordinal(), due.deadlines()[i], collect);
      if (expired != null) {
        expired.add(Objects.requireNonNull(r));
      }
    }
    return expired == null ? List.of() : Collections.unmodifiableList(expired);
  }

  /**
   * Deletes every row of a task that holds no pending one, in list order, announcing each at {@code
   * at}; returns them as they were when {@code collect}, else an empty list. The task's key stays:
   * the caller removes it. Allocates nothing but the reservations it builds, and their list.
   */
  List<Reservation> delete(int task, long at, boolean collect) {
    int[] rows = rowsOf(task);
    int n = taskRows.read(new ListKey(-1, task, -1, -1), null, rows.length, rows);
    List<Reservation> deleted = collect ? new ArrayList<>(n) : null;
    Instant when = null;
    for (int i = 0; i < n; i++) {
      int row = rows[i];
      if (deleted != null || events.hasListeners()) {
        Reservation r = reader.read(row);
        when = when != null ? when : Instant.ofEpochSecond(0, at);
        events.announceDeleted(r, when);
        if (deleted != null) {
          deleted.add(r);
        }
      }
      workerRows.remove(table.worker(row), row);
      counts[table.status(row)]--;
      table.delete(row);
    }
    return deleted == null ? List.of() : Collections.unmodifiableList(deleted);
  }

  /** Whether a task has an accepted or wrapping row. */
  boolean hasWorkInProgress(int task) {
    return taskRows.count(new ListKey(-1, task, ReservationStatus.ACCEPTED.ordinal(), -1)) > 0
        || taskRows.count(new ListKey(-1, task, ReservationStatus.WRAPPING.ordinal(), -1)) > 0;
  }

  /** A buffer that fits the task's rows: the scratch array when large enough, else a new one. */
  private int[] rowsOf(int task) {
    int size = taskRows.size(task);
    return size <= scratch.length ? scratch : new int[size];
  }

  private int readPending(int task, int[] out) {
    return taskRows.read(new ListKey(-1, task, PENDING, -1), null, out.length, out);
  }
}
