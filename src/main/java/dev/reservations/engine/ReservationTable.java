package dev.reservations.engine;

import dev.reservations.core.ReservationSid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The primary table: one row per reservation, never removed. A row number is the reservation's
 * identity inside the engine; its sid is computed from the row by {@link SidCipher} and is not
 * stored.
 *
 * <p>Layout: row-major, three longs per row in pages of {@value #PAGE_ROWS} rows, so that reading a
 * reservation touches one or two cache lines and growing never copies: date created and date
 * updated (epoch nanoseconds), then one packed long holding the task id (bits 0–30), the worker ref
 * (bits 31–57), the status ordinal (bits 58–60) and the version (bits 61–62; the state machine
 * allows at most three transitions). 24 bytes per reservation, plus at most one page of slack. A
 * worker ref names a (worker id, worker name) pair; a worker keeps reusing its last ref while its
 * name stays the same, so refs cost next to nothing.
 *
 * <p>List order is date created, then sid in unsigned 128-bit order; {@link #compare} and {@link
 * #compareToKey} give it.
 */
final class ReservationTable {
  static final int PAGE_ROWS = 1 << 14;
  static final int MAX_WORKER_REFS = 1 << 27;
  private static final int STRIDE = 3;
  private static final int PAGE_SHIFT = 14;
  private static final int PAGE_MASK = PAGE_ROWS - 1;
  private static final long TASK_MASK = (1L << 31) - 1;
  private static final long REF_MASK = (1L << 27) - 1;
  private static final int REF_SHIFT = 31;
  private static final int STATUS_SHIFT = 58;
  private static final int VERSION_SHIFT = 61;

  private final SidCipher cipher;
  private long[][] pages = new long[16][];
  private int size;

  private final IntArrayList refWorker = new IntArrayList();
  private final ArrayList<String> refName = new ArrayList<>();
  private final IntArrayList lastRefOfWorker = new IntArrayList();

  ReservationTable(SidCipher cipher) {
    this.cipher = cipher;
  }

  int size() {
    return size;
  }

  /**
   * Adds a row. After {@link #ensureRoom} for the same worker and name it allocates nothing and
   * cannot fail.
   */
  int add(int taskId, int workerId, String workerName, int statusOrdinal, long createdNanos) {
    ensureRoom(workerId, workerName);
    int row = size;
    long[] rows = pages[row >>> PAGE_SHIFT];
    int at = (row & PAGE_MASK) * STRIDE;
    rows[at] = createdNanos;
    rows[at + 1] = createdNanos;
    rows[at + 2] =
        taskId
            | (long) refFor(workerId, workerName) << REF_SHIFT
            | (long) statusOrdinal << STATUS_SHIFT;
    size++;
    return row;
  }

  /**
   * Grows what adding a row of this worker ({@code -1}: one not seen yet) under this name needs,
   * without changing any row: the page the row goes to, and room for a new worker ref. A failure
   * here leaves the table as it was.
   *
   * @throws IllegalStateException if the row needs a new worker ref and there is no room
   */
  void ensureRoom(int workerId, String workerName) {
    checkRoomForRef(workerId, workerName);
    int page = size >>> PAGE_SHIFT;
    if (page == pages.length) {
      pages = Arrays.copyOf(pages, pages.length * 2);
    }
    if (pages[page] == null) {
      pages[page] = new long[PAGE_ROWS * STRIDE];
    }
    int refs = refWorker.size() + 1;
    refWorker.ensureCapacity(refs);
    refName.ensureCapacity(refs);
    lastRefOfWorker.ensureCapacity(Math.max(workerId, lastRefOfWorker.size()) + 1);
  }

  /**
   * Throws an {@code IllegalStateException} if a row of this worker ({@code -1}: one not seen yet)
   * under this name needs a new worker ref and the table holds the most it can; so that a caller
   * can refuse before it changes anything.
   */
  void checkRoomForRef(int workerId, String name) {
    if (refWorker.size() == MAX_WORKER_REFS && !reusesRef(workerId, name)) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "engine holds the most (worker, worker name) pairs it can, %d",
              MAX_WORKER_REFS));
    }
  }

  private boolean reusesRef(int workerId, String name) {
    if (workerId < 0 || workerId >= lastRefOfWorker.size()) {
      return false;
    }
    int last = lastRefOfWorker.get(workerId);
    return last >= 0 && refName.get(last).equals(name);
  }

  private int refFor(int workerId, String name) {
    while (lastRefOfWorker.size() <= workerId) {
      lastRefOfWorker.add(-1);
    }
    if (reusesRef(workerId, name)) {
      return lastRefOfWorker.get(workerId);
    }
    checkRoomForRef(workerId, name);
    int ref = refWorker.size();
    refWorker.add(workerId);
    refName.add(name);
    lastRefOfWorker.set(workerId, ref);
    return ref;
  }

  /** Sets a row's status and date updated, and adds one to its version. */
  void update(int row, int statusOrdinal, long updatedNanos) {
    long[] rows = pages[row >>> PAGE_SHIFT];
    int at = (row & PAGE_MASK) * STRIDE;
    long packed = rows[at + 2];
    long version = (packed >>> VERSION_SHIFT) + 1;
    rows[at + 1] = updatedNanos;
    rows[at + 2] =
        (packed & (TASK_MASK | REF_MASK << REF_SHIFT))
            | (long) statusOrdinal << STATUS_SHIFT
            | version << VERSION_SHIFT;
  }

  private long packed(int row) {
    return pages[row >>> PAGE_SHIFT][(row & PAGE_MASK) * STRIDE + 2];
  }

  int task(int row) {
    return (int) (packed(row) & TASK_MASK);
  }

  int worker(int row) {
    return refWorker.get(ref(row));
  }

  String workerName(int row) {
    return refName.get(ref(row));
  }

  private int ref(int row) {
    return (int) ((packed(row) >>> REF_SHIFT) & REF_MASK);
  }

  int status(int row) {
    return (int) ((packed(row) >>> STATUS_SHIFT) & 7);
  }

  int version(int row) {
    return (int) (packed(row) >>> VERSION_SHIFT);
  }

  long created(int row) {
    return pages[row >>> PAGE_SHIFT][(row & PAGE_MASK) * STRIDE];
  }

  long updated(int row) {
    return pages[row >>> PAGE_SHIFT][(row & PAGE_MASK) * STRIDE + 1];
  }

  ReservationSid sid(int row) {
    long low = cipher.low(row);
    return new ReservationSid(cipher.high(low), low);
  }

  long sidHigh(int row) {
    return cipher.high(cipher.low(row));
  }

  long sidLow(int row) {
    return cipher.low(row);
  }

  /**
   * The high bits of the sid whose low bits are {@code sidLow(row)}, without computing those again.
   */
  long sidHighOf(long sidLow) {
    return cipher.high(sidLow);
  }

  /** The row with this sid, or -1. */
  int row(long high, long low) {
    long row = cipher.row(high, low);
    return row >= 0 && row < size() ? (int) row : -1;
  }

  /** List order of two rows. */
  int compare(int a, int b) {
    if (a == b) {
      return 0;
    }
    int c = Long.compare(created(a), created(b));
    if (c != 0) {
      return c;
    }
    long lowA = cipher.low(a);
    long lowB = cipher.low(b);
    c = Long.compareUnsigned(cipher.high(lowA), cipher.high(lowB));
    return c != 0 ? c : Long.compareUnsigned(lowA, lowB);
  }

  /** List order of a row against a boundary key (date created, sid high, sid low). */
  int compareToKey(int row, long keyCreated, long keyHigh, long keyLow) {
    int c = Long.compare(created(row), keyCreated);
    if (c != 0) {
      return c;
    }
    long low = cipher.low(row);
    c = Long.compareUnsigned(cipher.high(low), keyHigh);
    return c != 0 ? c : Long.compareUnsigned(low, keyLow);
  }
}
