package dev.reservations.engine;

/**
 * The finished tasks waiting for their automatic deletion, in the order they fall due.
 *
 * <p>Layout: a FIFO ring of entries, two longs each: the time the task falls due (the time it
 * finished plus the engine's retention, saturated), and its id with its generation ({@code id << 32
 * | generation}). Since the engine's time never goes back and every task keeps the same retention,
 * tasks fall due in the order they finish. An entry whose task was deleted by hand before it fell
 * due is dropped unseen when it reaches the head: the id's generation has moved on, and the id may
 * name another task by then. 16 bytes per task finished within one retention period.
 *
 * <p>Invariants: due times are non-decreasing from the head. {@link #ensureRoom} grows the ring
 * before {@link #add} writes, so a failure to allocate changes nothing.
 */
final class DeletionQueue {
  private final long retention;
  private long[] ring = new long[32];
  private int head;
  private int count;
  private long lastDue;

  /** A queue for tasks kept {@code retention} nanoseconds (positive) after they finish. */
  DeletionQueue(long retention) {
    this.retention = retention;
  }

  /** Grows the ring so that one more task fits; changes no entry. */
  void ensureRoom() {
    if (2 * count == ring.length) {
      long[] grown = new long[ring.length * 2];
      for (int i = 0; i < count; i++) {
        int from = ((head + i) * 2) & (ring.length - 1);
        grown[2 * i] = ring[from];
        grown[2 * i + 1] = ring[from + 1];
      }
      ring = grown;
      head = 0;
    }
  }

  /**
   * Queues a task that finished at {@code finished}; after {@link #ensureRoom}, allocates nothing.
   */
  void add(long finished, int task, int generation) {
    ensureRoom();
    long due = finished + retention;
    int at = ((head + count) * 2) & (ring.length - 1);
    ring[at] = due < finished ? Long.MAX_VALUE : due;
    ring[at + 1] = (long) task << 32 | (generation & 0xffff_ffffL);
    count++;
  }

  /** Whether a task falls due at or before {@code now}. */
  boolean anyDue(long now) {
    return count > 0 && ring[(head * 2) & (ring.length - 1)] <= now;
  }

  /**
   * Takes the next task due at or before {@code now} that was not deleted since it was queued, and
   * returns its id, or -1 when none is due; {@link #lastDue()} is then its due time.
   */
  int poll(long now, KeyTable<?> tasks) {
    while (anyDue(now)) {
      int at = (head * 2) & (ring.length - 1);
      long entry = ring[at + 1];
      lastDue = ring[at];
      head = (head + 1) & (ring.length / 2 - 1);
      count--;
      int task = (int) (entry >>> 32);
      if (tasks.generation(task) == (int) entry) {
        return task;
      }
    }
    return -1;
  }

  /** The due time of the task {@link #poll} returned last. */
  long lastDue() {
    return lastDue;
  }
}
