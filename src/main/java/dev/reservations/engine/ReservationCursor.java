package dev.reservations.engine;

import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;

/**
 * A view of the reservation a {@link ReservationVisitor} is visiting: its fields as primitives,
 * read from the engine's table on each call, so that a scan allocates nothing per reservation.
 * Valid only inside {@link ReservationVisitor#visit}; one cursor is reused for every reservation of
 * a scan, and reading it after the visit returns is an {@code IllegalStateException}. Not
 * thread-safe: it belongs to the scanning thread.
 *
 * <p>The sids are their 128 bits, as {@code high} and {@code low} longs (see {@link
 * dev.reservations.core.Sid}); dates are epoch nanoseconds. Each accessor is O(1).
 */
public final class ReservationCursor {
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();

  private final ReservationTable table;
  private final KeyTable<?> tasks;
  private final KeyTable<?> workers;
  private int row = -1;

  ReservationCursor(ReservationTable table, KeyTable<?> tasks, KeyTable<?> workers) {
    this.table = table;
    this.tasks = tasks;
    this.workers = workers;
  }

  void moveTo(int row) {
    this.row = row;
  }

  private int row() {
    if (row < 0) {
      throw new IllegalStateException(
          "a reservation cursor is valid only inside ReservationVisitor.visit");
    }
    return row;
  }

  /** {@return the high 64 bits of the reservation's sid} */
  public long sidHigh() {
    return table.sidHigh(row());
  }

  /** {@return the low 64 bits of the reservation's sid} */
  public long sidLow() {
    return table.sidLow(row());
  }

  /** {@return the reservation's sid; allocates it} */
  public ReservationSid sid() {
    return table.sid(row());
  }

  /** {@return the high 64 bits of its task's sid} */
  public long taskHigh() {
    return tasks.high(table.task(row()));
  }

  /** {@return the low 64 bits of its task's sid} */
  public long taskLow() {
    return tasks.low(table.task(row()));
  }

  /** {@return the high 64 bits of its worker's sid} */
  public long workerHigh() {
    return workers.high(table.worker(row()));
  }

  /** {@return the low 64 bits of its worker's sid} */
  public long workerLow() {
    return workers.low(table.worker(row()));
  }

  /** {@return the worker's name when it was reserved; the engine's own string, not a copy} */
  public String workerName() {
    return table.workerName(row());
  }

  /** {@return its status} */
  public ReservationStatus status() {
    return STATUSES[table.status(row())];
  }

  /** {@return its date created, in epoch nanoseconds} */
  public long dateCreatedNanos() {
    return table.created(row());
  }

  /** {@return its date updated, in epoch nanoseconds} */
  public long dateUpdatedNanos() {
    return table.updated(row());
  }

  /** {@return its version: 0 when created, one more with each transition} */
  public long version() {
    return table.version(row());
  }

  @Override
  public String toString() {
    return row < 0
        ? "ReservationCursor[outside a visit]"
        : "ReservationCursor[" + sid() + ", " + status() + ", v" + version() + "]";
  }
}
