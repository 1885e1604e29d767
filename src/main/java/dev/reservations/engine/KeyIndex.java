package dev.reservations.engine;

import java.util.Arrays;

/**
 * The rows of each key (a task or a worker), in list order, findable by status.
 *
 * <p>Layout: one slot per dense key id. A small key (at most {@link #SPLIT} rows) holds one
 * {@code int[]} of all its rows; a status filter scans those few rows. A large key holds an
 * {@code int[][]} with one array per status, so that a status filter reads only matching rows
 * and an unfiltered read merges the eight arrays. Every array keeps its size in element 0 and
 * its rows, sorted in list order, after it. A key never shrinks back to small, since rows are
 * never removed.
 *
 * <p>Invariants: each row of the table appears exactly once under its key, in the array of its
 * current status when the key is large; arrays are sorted by {@link ReservationTable#compare};
 * an empty status array of a large key is null. About 4 to 6 bytes per reservation, plus a
 * small per-key header.
 */
final class KeyIndex {
  static final int SPLIT = 16;
  private static final int STATUSES = 8;

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
        int[][] split = new int[STATUSES][];
        for (int i = 1; i <= all[0]; i++) {
          int r = all[i];
          split[table.status(r)] = insert(split[table.status(r)], r);
        }
        split[table.status(row)] = insert(split[table.status(row)], row);
        keys[key] = split;
      }
    } else {
      int[][] split = (int[][]) slot;
      split[table.status(row)] = insert(split[table.status(row)], row);
    }
  }

  /** Moves {@code row} from status {@code from}; the table already holds its new status. */
  void move(int key, int row, int from) {
    Object slot = keys[key];
    if (slot instanceof int[][]) {
      int[][] split = (int[][]) slot;
      split[from] = remove(split[from], row);
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
    if (slot instanceof int[]) {
      return ((int[]) slot)[0];
    }
    int size = 0;
    for (int[] rows : (int[][]) slot) {
      size += rows == null ? 0 : rows[0];
    }
    return size;
  }

  /**
   * Writes up to {@code limit} rows of {@code key} into {@code out}: those in {@code status}
   * (-1: any) of {@code worker} (-1: any), strictly after the boundary in list order when
   * {@code forward}, else strictly before it and in reverse order. Returns how many. Without a
   * boundary ({@code bounded} false) it starts at the first row, or the last one. O(log n +
   * limit) for a large key with a status filter; a worker filter may skip rows.
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
    int[][] split = (int[][]) slot;
    if (status >= 0) {
      return scan(split[status], -1, worker, forward, bounded, keyCreated, keyHigh, keyLow,
          limit, out);
    }
    return merge(split, worker, forward, bounded, keyCreated, keyHigh, keyLow, limit, out);
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

  /** Whether the large key has an empty status array that is not null; for invariant checks. */
  boolean hasEmptyArray(int key) {
    Object slot = key < keys.length ? keys[key] : null;
    if (slot instanceof int[][]) {
      for (int[] rows : (int[][]) slot) {
        if (rows != null && rows[0] == 0) {
          return true;
        }
      }
    }
    return slot instanceof int[] && ((int[]) slot)[0] == 0;
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

  /**
   * Merges the eight status arrays in list order. Each array's head date is kept in a local
   * array, so a step compares longs and computes sids only on equal dates.
   */
  private int merge(int[][] split, int worker, boolean forward, boolean bounded,
      long keyCreated, long keyHigh, long keyLow, int limit, int[] out) {
    int[] at = new int[STATUSES];
    long[] head = new long[STATUSES];
    int live = 0;
    for (int s = 0; s < STATUSES; s++) {
      int[] rows = split[s];
      if (rows == null) {
        continue;
      }
      if (forward) {
        at[s] = bounded ? firstAfter(rows, keyCreated, keyHigh, keyLow) : 1;
      } else {
        at[s] = bounded ? firstAfter(rows, keyCreated, keyHigh, keyLow, true) - 1 : rows[0];
      }
      if (at[s] >= 1 && at[s] <= rows[0]) {
        head[s] = table.created(rows[at[s]]);
        live |= 1 << s;
      }
    }
    int n = 0;
    while (n < limit && live != 0) {
      int best = -1;
      for (int bits = live; bits != 0; bits &= bits - 1) {
        int s = Integer.numberOfTrailingZeros(bits);
        if (best < 0) {
          best = s;
          continue;
        }
        int c = Long.compare(head[s], head[best]);
        if (c == 0) {
          c = table.compare(split[s][at[s]], split[best][at[best]]);
        }
        if (forward ? c < 0 : c > 0) {
          best = s;
        }
      }
      int[] rows = split[best];
      int row = rows[at[best]];
      at[best] += forward ? 1 : -1;
      if (at[best] >= 1 && at[best] <= rows[0]) {
        head[best] = table.created(rows[at[best]]);
      } else {
        live &= ~(1 << best);
      }
      if (worker < 0 || table.worker(row) == worker) {
        out[n++] = row;
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

  /** Removes the row; returns null when the array becomes empty. */
  private int[] remove(int[] rows, int row) {
    int size = rows[0];
    int at = binaryPlace(rows, row, 1, size + 1) - 1;
    if (at < 1 || rows[at] != row) {
      throw new IllegalStateException("index lost row " + row);
    }
    if (size == 1) {
      return null;
    }
    System.arraycopy(rows, at + 1, rows, at, size - at);
    rows[0] = size - 1;
    return rows;
  }
}
