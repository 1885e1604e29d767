package dev.reservations.engine;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The rows of each key (a task or a worker), in list order, findable by status.
 *
 * <p>Layout: each dense key id owns a block of {@value #INLINE} ints in flat pages of {@value
 * #PAGE} ints (256 KB, under G1's humongous threshold, so growing allocates one more page and
 * copies nothing once past the first), which holds a key's first rows in place: most tasks never
 * outgrow it, so finding a task's rows costs no pointer, no object header and no cache miss beyond
 * the block. Unused entries are {@code EMPTY}. A key that outgrows its block spills: the block then
 * reads {@code SPILLED, index}, and {@code spilled[index]} holds its rows. A small spilled key (at
 * most {@link #SPLIT} rows) is one {@code int[]} of all its rows; a status filter scans those few.
 * A large key is an {@code int[][]} of nine arrays: one per status, so that a status filter reads
 * only matching rows, and at {@link #ALL} every row, so that an unfiltered read is one scan rather
 * than a merge of eight arrays (a merge cost about 70 ns per row, on unpredictable branches). A
 * status change moves a row between status arrays and leaves {@link #ALL} alone, since list order
 * does not depend on status. Each spilled array keeps its size in element 0 and its rows after it.
 * A key never shrinks back, since rows are never removed.
 *
 * <p>Invariants: each row of the table appears exactly once under its key, and when the key is
 * large once more in the array of its current status; a block's rows come first, and every run of
 * rows is sorted by {@link ReservationTable#compare}; a status array of a large key is null until a
 * row first enters that status, and is kept when it empties, so that a worker whose one pending
 * reservation comes and goes does not reallocate it each time. 16 bytes per key, plus about 5 bytes
 * per reservation of a small spilled key and 9 to 11 of a large one.
 */
final class KeyIndex {
  static final int INLINE = 4;
  static final int SPLIT = 16;
  private static final int STATUSES = 8;
  private static final int PENDING = 0;
  private static final int ALL = STATUSES;
  private static final int EMPTY = -1;
  private static final int SPILLED = -2;
  static final int PAGE = 1 << 16;

  /** The most keys the blocks can hold: 32,767 whole pages, as many ints as an int counts. */
  static final int MAX_KEYS = Integer.MAX_VALUE / PAGE * PAGE / INLINE;

  private static final int PAGE_SHIFT = 16;
  private static final int PAGE_MASK = PAGE - 1;

  private final ReservationTable table;

  /** The blocks; all pages but the last are full, and only a sole page grows in place. */
  private int[][] pages = {empty(64 * INLINE)};

  private int capacity = 64 * INLINE;
  private Object[] spilled = new Object[16];
  private int spilledCount;

  KeyIndex(ReservationTable table) {
    this.table = table;
  }

  /**
   * Adds a new pending row under {@code key}. Allocates only what {@link #ensureRoomToAdd} would;
   * after that call, nothing.
   */
  void add(int key, int row) {
    ensureRoomToAdd(key);
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] != SPILLED) {
      int i = at + blockCount(blocks, at);
      for (; i > at && table.compare(blocks[i - 1], row) > 0; i--) {
        blocks[i] = blocks[i - 1];
      }
      blocks[i] = row;
      return;
    }
    int index = blocks[at + 1];
    Object slot = spilled[index];
    if (slot instanceof int[]) {
      spilled[index] = insert((int[]) slot, row);
    } else {
      addLarge((int[][]) slot, row);
    }
  }

  /**
   * Grows whatever adding one more pending row under {@code key} needs, without changing which rows
   * the index holds, so that the {@link #add} that follows allocates nothing and cannot fail
   * halfway: the key's block, its spill into an array once the block is full, the split into status
   * arrays past {@link #SPLIT} rows, and room in the arrays the row goes to.
   */
  void ensureRoomToAdd(int key) {
    while (key * INLINE >= capacity) {
      grow();
    }
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] != SPILLED) {
      if (blockCount(blocks, at) < INLINE) {
        return;
      }
      spill(blocks, at);
    }
    int index = blocks[at + 1];
    Object slot = spilled[index];
    if (slot instanceof int[]) {
      int[] all = (int[]) slot;
      if (all[0] < SPLIT) {
        spilled[index] = withRoom(all);
        return;
      }
      slot = split(all);
      spilled[index] = slot;
    }
    int[][] split = (int[][]) slot;
    int[] pending = withRoom(split[PENDING]);
    int[] all = withRoom(split[ALL]);
    split[PENDING] = pending;
    split[ALL] = all;
  }

  /** Moves a full block's rows into a spilled array of their own; the same rows, in order. */
  private void spill(int[] blocks, int at) {
    int[] rows = new int[INLINE + 3];
    rows[0] = INLINE;
    System.arraycopy(blocks, at, rows, 1, INLINE);
    if (spilledCount == spilled.length) {
      spilled = Arrays.copyOf(spilled, spilledCount * 2);
    }
    spilled[spilledCount] = rows;
    blocks[at] = SPILLED;
    blocks[at + 1] = spilledCount++;
    Arrays.fill(blocks, at + 2, at + INLINE, EMPTY);
  }

  /** A large key's arrays for the rows of a small one: one per status, and all of them. */
  private int[][] split(int[] all) {
    int[][] split = new int[STATUSES + 1][];
    for (int i = 1; i <= all[0]; i++) {
      int r = all[i];
      split[table.status(r)] = insert(split[table.status(r)], r);
    }
    split[ALL] = all;
    return split;
  }

  /** {@code rows}, or a copy with room for one more row; a new array for null. */
  private static int[] withRoom(int @Nullable [] rows) {
    if (rows == null) {
      return new int[3];
    }
    return rows[0] + 1 == rows.length
        ? Arrays.copyOf(rows, rows.length + Math.max(2, rows.length >> 1))
        : rows;
  }

  /** Adds room for at least one more key: a sole page grows by half, then whole pages follow. */
  private void grow() {
    if (capacity < PAGE) {
      int[] grown = empty(Math.min(PAGE, capacity * 3 / 2 / INLINE * INLINE));
      System.arraycopy(pages[0], 0, grown, 0, capacity);
      pages[0] = grown;
      capacity = grown.length;
    } else {
      int[][] more = Arrays.copyOf(pages, pages.length + 1);
      more[more.length - 1] = empty(PAGE);
      pages = more;
      capacity += PAGE;
    }
  }

  private void addLarge(int[][] split, int row) {
    split[table.status(row)] = insert(split[table.status(row)], row);
    split[ALL] = insert(split[ALL], row);
  }

  /** Moves {@code row} from status {@code from}; the table already holds its new status. */
  void move(int key, int row, int from) {
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] == SPILLED && spilled[blocks[at + 1]] instanceof int[][]) {
      int[][] split = (int[][]) spilled[blocks[at + 1]];
      remove(split[from], row);
      int to = table.status(row);
      split[to] = insert(split[to], row);
    }
  }

  /** How many rows the key has, in every status. */
  int size(int key) {
    if (key * INLINE >= capacity) {
      return 0;
    }
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] != SPILLED) {
      return blockCount(blocks, at);
    }
    Object slot = spilled[blocks[at + 1]];
    return slot instanceof int[] ? ((int[]) slot)[0] : ((int[][]) slot)[ALL][0];
  }

  /**
   * Writes up to {@code limit} rows of {@code list} into {@code out}: from its first row, or
   * strictly after {@code from} in list order when {@code from.after()}, else strictly before it in
   * reverse order. Returns how many. O(log n + limit) for a large key; a worker filter may skip
   * rows.
   */
  int read(ListKey list, PageCursor.@Nullable Boundary from, int limit, int[] out) {
    int key = list.key();
    if (key < 0 || key * INLINE >= capacity) {
      return 0;
    }
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] != SPILLED) {
      return scan(
          blocks,
          at,
          at + blockCount(blocks, at) - 1,
          list.status(),
          list.worker(),
          from,
          limit,
          out);
    }
    Object slot = spilled[blocks[at + 1]];
    int status = list.status();
    int[] rows =
        slot instanceof int[] ? (int[]) slot : ((int[][]) slot)[status >= 0 ? status : ALL];
    int filter = slot instanceof int[] ? status : -1;
    return rows == null ? 0 : scan(rows, 1, rows[0], filter, list.worker(), from, limit, out);
  }

  /**
   * How many rows of {@code list} there are. O(1) for a large key without a worker filter (the size
   * of one status array), else a scan of the key's at most {@link #SPLIT} rows, or of all its rows
   * under a worker filter; allocates nothing.
   */
  int count(ListKey list) {
    int key = list.key();
    if (key < 0 || key * INLINE >= capacity) {
      return 0;
    }
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] != SPILLED) {
      return countMatches(
          blocks, at, at + blockCount(blocks, at) - 1, list.status(), list.worker());
    }
    Object slot = spilled[blocks[at + 1]];
    if (slot instanceof int[]) {
      int[] all = (int[]) slot;
      return countMatches(all, 1, all[0], list.status(), list.worker());
    }
    int[] rows = ((int[][]) slot)[list.status() >= 0 ? list.status() : ALL];
    if (rows == null) {
      return 0;
    }
    return list.worker() < 0 ? rows[0] : countMatches(rows, 1, rows[0], -1, list.worker());
  }

  private int countMatches(int[] rows, int first, int last, int status, int worker) {
    if (status < 0 && worker < 0) {
      return last - first + 1;
    }
    int n = 0;
    for (int i = first; i <= last; i++) {
      if (matches(rows[i], status, worker)) {
        n++;
      }
    }
    return n;
  }

  /** How many rows the block at {@code blocks[at]} holds in place. */
  private static int blockCount(int[] blocks, int at) {
    int count = 0;
    while (count < INLINE && blocks[at + count] != EMPTY) {
      count++;
    }
    return count;
  }

  /** Scans the sorted rows at {@code rows[first..last]}; see {@link #read}. */
  private int scan(
      int[] rows,
      int first,
      int last,
      int status,
      int worker,
      PageCursor.@Nullable Boundary from,
      int limit,
      int[] out) {
    int n = 0;
    if (from == null || from.after()) {
      int start = from == null ? first : firstAfter(rows, first, last, from, false);
      for (int i = start; i <= last && n < limit; i++) {
        int row = rows[i];
        if (matches(row, status, worker)) {
          out[n++] = row;
        }
      }
    } else {
      for (int i = firstAfter(rows, first, last, from, true) - 1; i >= first && n < limit; i--) {
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

  /**
   * The index in {@code rows[first..last]} of the first row after the key: strictly after it, or at
   * or after it when {@code inclusive}; {@code last + 1} if none.
   */
  private int firstAfter(
      int[] rows, int first, int last, PageCursor.Boundary key, boolean inclusive) {
    int lo = first;
    int hi = last + 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = table.compareToKey(rows[mid], key.created(), key.high(), key.low());
      if (c > 0 || (inclusive && c == 0)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Inserts the row at its place in list order, growing the array if needed. */
  private int[] insert(int @Nullable [] rows, int row) {
    rows = withRoom(rows);
    int size = rows[0];
    int at =
        size == 0 || table.compare(rows[size], row) < 0
            ? size + 1
            : binaryPlace(rows, row, 1, size + 1);
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

  private static int[] empty(int length) {
    int[] page = new int[length];
    Arrays.fill(page, EMPTY);
    return page;
  }
}
