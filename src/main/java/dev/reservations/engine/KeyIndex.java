package dev.reservations.engine;

import java.util.Arrays;

/**
 * The rows of each key (a task or a worker), in list order, findable by status.
 *
 * <p>Layout: one slot per dense key id. A small key (at most {@link #SPLIT} rows) holds one
 * {@code int[]} of all its rows; a status filter scans those few rows. A large key holds an
 * {@code int[][]} of nine arrays: one per status, so that a status filter reads only matching
 * rows, and at {@link #ALL} every row, so that an unfiltered read is one scan rather than a merge
 * of eight arrays (a merge cost about 70 ns per row, on unpredictable branches). A status change
 * moves a row between status arrays and leaves {@link #ALL} alone, since list order does not
 * depend on status. Every array keeps its size in element 0 and its rows, sorted in list order,
 * after it. A key never shrinks back to small, since rows are never removed.
 *
 * <p>Invariants: each row of the table appears exactly once under its key, and when the key is
 * large once more in the array of its current status; arrays are sorted by
 * {@link ReservationTable#compare}; a status array of a large key is null until a row first
 * enters that status, and is kept when it empties, so that a worker whose one pending reservation
 * comes and goes does not reallocate it each time. About 4 bytes
 * per reservation of a small key and 8 to 10 of a large one, plus a small per-key header.
 */
final class KeyIndex {
  static final int SPLIT = 16;
  private static final int STATUSES = 8;
  private static final int ALL = STATUSES;

  private final ReservationTable table;
  private Object[] keys = new Object[64];

  KeyIndex(ReservationTable table) {
    this.table = table;
  }

  /** Adds a new row under {@code key}, at its status. */
  void add(int key, int row) {
    if (key >= keys.length) {
      keys = Arrays.copyOf(keys, Math.max(key + 1, keys.length * 2));
    }
    Object slot = keys[key];
    if (slot == null) {
      keys[key] = insert(new int[] {0, 0, 0}, row);
    } else if (slot instanceof int[]) {
      int[] all = (int[]) slot;
      if (all[0] < SPLIT) {
        keys[key] = insert(all, row);
      } else {
        int[][] split = new int[STATUSES + 1][];
        for (int i = 1; i <= all[0]; i++) {
          int r = all[i];
          split[table.status(r)] = insert(split[table.status(r)], r);
        }
        split[ALL] = all;
        addLarge(split, row);
        keys[key] = split;
      }
    } else {
      addLarge((int[][]) slot, row);
    }
  }

  private void addLarge(int[][] split, int row) {
    split[table.status(row)] = insert(split[table.status(row)], row);
    split[ALL] = insert(split[ALL], row);
  }

  /** Moves {@code row} from status {@code from}; the table already holds its new status. */
  void move(int key, int row, int from) {
    Object slot = keys[key];
    if (slot instanceof int[][]) {
      int[][] split = (int[][]) slot;
      remove(split[from], row);
      int to = table.status(row);
      split[to] = insert(split[to], row);
    }
  }

  /** How many rows the key has, in every status. */
  int size(int key) {
    Object slot = key < keys.length ? keys[key] : null;
    if (slot == null) {
      return 0;
    }
    return slot instanceof int[] ? ((int[]) slot)[0] : ((int[][]) slot)[ALL][0];
  }

  /**
   * Writes up to {@code limit} rows of {@code key} into {@code out}: those in {@code status}
   * (-1: any) of {@code worker} (-1: any), strictly after the boundary in list order when
   * {@code forward}, else strictly before it and in reverse order. Returns how many. Without a
   * boundary ({@code bounded} false) it starts at the first row, or the last one. O(log n +
   * limit) for a large key; a worker filter may skip rows.
   */
  int collect(int key, int status, int worker, boolean forward, boolean bounded,
      long keyCreated, long keyHigh, long keyLow, int limit, int[] out) {
    Object slot = key < keys.length ? keys[key] : null;
    if (slot == null) {
      return 0;
    }
    if (slot instanceof int[]) {
      return scan((int[]) slot, status, worker, forward, bounded, keyCreated, keyHigh, keyLow,
          limit, out);
    }
    int[] rows = ((int[][]) slot)[status >= 0 ? status : ALL];
    return scan(rows, -1, worker, forward, bounded, keyCreated, keyHigh, keyLow, limit, out);
  }

  /** All rows of the key in list order; for invariant checks. */
  int[] rows(int key) {
    int[] out = new int[size(key)];
    collect(key, -1, -1, true, false, 0, 0, 0, out.length, out);
    return out;
  }

  /** The rows of the key in {@code status}, in list order; for invariant checks. */
  int[] rows(int key, int status) {
    int[] out = new int[size(key)];
    int n = collect(key, status, -1, true, false, 0, 0, 0, out.length, out);
    return Arrays.copyOf(out, n);
  }

  private int scan(int[] rows, int status, int worker, boolean forward, boolean bounded,
      long keyCreated, long keyHigh, long keyLow, int limit, int[] out) {
    if (rows == null) {
      return 0;
    }
    int size = rows[0];
    int n = 0;
    if (forward) {
      for (int i = bounded ? firstAfter(rows, keyCreated, keyHigh, keyLow) : 1;
          i <= size && n < limit; i++) {
        int row = rows[i];
        if (matches(row, status, worker)) {
          out[n++] = row;
        }
      }
    } else {
      for (int i = bounded ? firstAfter(rows, keyCreated, keyHigh, keyLow, true) - 1 : size;
          i >= 1 && n < limit; i--) {
        int row = rows[i];
        if (matches(row, status, worker)) {
          out[n++] = row;
        }
      }
    }
    return n;
  }

  private boolean matches(int row, int status, int worker) {
    return (status < 0 || table.status(row) == status)
        && (worker < 0 || table.worker(row) == worker);
  }

  /** The index of the first row strictly after the key (size + 1 if none). */
  private int firstAfter(int[] rows, long keyCreated, long keyHigh, long keyLow) {
    return firstAfter(rows, keyCreated, keyHigh, keyLow, false);
  }

  /**
   * The index of the first row after the key: strictly after it, or at or after it when
   * {@code inclusive}; size + 1 if none.
   */
  private int firstAfter(int[] rows, long keyCreated, long keyHigh, long keyLow,
      boolean inclusive) {
    int lo = 1;
    int hi = rows[0] + 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = table.compareToKey(rows[mid], keyCreated, keyHigh, keyLow);
      if (c > 0 || (inclusive && c == 0)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Inserts the row at its place in list order, growing the array if needed. */
  private int[] insert(int[] rows, int row) {
    if (rows == null) {
      rows = new int[3];
    }
    int size = rows[0];
    int at = size == 0 || table.compare(rows[size], row) < 0
        ? size + 1
        : binaryPlace(rows, row, 1, size + 1);
    if (size + 1 == rows.length) {
      rows = Arrays.copyOf(rows, rows.length + Math.max(2, rows.length >> 1));
    }
    System.arraycopy(rows, at, rows, at + 1, size + 1 - at);
    rows[at] = row;
    rows[0] = size + 1;
    return rows;
  }

  /** The first index in [lo, hi] whose row sorts after {@code row}. */
  private int binaryPlace(int[] rows, int row, int lo, int hi) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (table.compare(rows[mid], row) > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Removes the row, keeping the array even when it empties. */
  private void remove(int[] rows, int row) {
    int size = rows[0];
    int at = binaryPlace(rows, row, 1, size + 1) - 1;
    if (at < 1 || rows[at] != row) {
      throw new IllegalStateException("index lost row " + row);
    }
    System.arraycopy(rows, at + 1, rows, at, size - at);
    rows[0] = size - 1;
  }
}
