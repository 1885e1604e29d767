package dev.reservations.engine;

import java.util.Arrays;
import java.util.Objects;
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
 * most {@link #SPLIT} rows) is one {@code int[]} of all its rows, its size in element 0 and its
 * rows after it; a status filter scans those few. A large key is a {@code ChunkedRows[]} of nine
 * lists: one per status, so that a status filter reads only matching rows, and at {@link #ALL}
 * every row, so that an unfiltered read is one scan rather than a merge of eight lists (a merge
 * cost about 70 ns per row, on unpredictable branches). Each list is cut into blocks of at most
 * {@value ChunkedRows#BLOCK} rows ({@link ChunkedRows}), so that a row entering or leaving a status
 * of a key with a million rows (a worker whose pending reservations time out one by one, or whose
 * accepted ones complete in another order than they came) shifts one block, not the list; a new
 * row, whose sid counts up, is an append. A status change moves a row between status lists and
 * leaves {@link #ALL} alone, since list order does not depend on status. A deleted row leaves its
 * worker's lists ({@link #remove}), which do not shrink back into a block; a deleted task's key is
 * cleared at once ({@link #clear}): its block empties, and its spilled slot goes on a stack of free
 * slots for the next key that spills.
 *
 * <p>Invariants: each row of the table appears exactly once under its key, and when the key is
 * large once more in the list of its current status; a block's rows come first, and every run of
 * rows is sorted by {@link ReservationTable#compare}; a status list of a large key is null until a
 * row first enters that status, and is kept when it empties, so that a worker whose one pending
 * reservation comes and goes does not reallocate it each time. 16 bytes per key, plus about 5 bytes
 * per reservation of a small spilled key and 9 to 16 of a large one, and 48 per list of a large
 * key. {@link #ensureRoomToAdd} and {@link #ensureRoomToMove} grow what a change needs before it
 * changes anything; a removal allocates nothing.
 */
final class KeyIndex {
  static final int INLINE = 4;
  static final int SPLIT = 16;
  private static final int STATUSES = 8;
  private static final int PENDING = 0;
  static final int ALL = STATUSES;
  private static final int EMPTY = -1;
  static final int SPILLED = -2;

  /** What fills a free spilled slot, so that a cleared key's rows are not kept reachable. */
  private static final int[] CLEARED = {0};

  static final int PAGE = 1 << 16;

  /** The most keys the blocks can hold: 32,767 whole pages, as many ints as an int counts. */
  static final int MAX_KEYS = Integer.MAX_VALUE / PAGE * PAGE / INLINE;

  static final int PAGE_SHIFT = 16;
  static final int PAGE_MASK = PAGE - 1;

  private final ReservationTable table;

  /** The blocks; all pages but the last are full, and only a sole page grows in place. */
  int[][] pages = {empty(64 * INLINE)};

  int capacity = 64 * INLINE;
  Object[] spilled = new Object[16];
  private int spilledCount;
  private int[] freeSlots = new int[16];
  private int freeSlotCount;

  /** Spare blocks for the splits of large keys' lists. */
  private final ChunkedRows.Spares spares = new ChunkedRows.Spares();

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
      ChunkedRows[] lists = (ChunkedRows[]) slot;
      ChunkedRows pending = lists[PENDING];
      pending = pending != null ? pending : newList(lists, PENDING);
      pending.insert(table, row, spares);
      lists[ALL].insert(table, row, spares);
    }
  }

  /**
   * Grows whatever adding one more pending row under {@code key} needs, without changing which rows
   * the index holds, so that the {@link #add} that follows allocates nothing and cannot fail
   * halfway: the key's block, its spill into an array once the block is full, the split into status
   * lists past {@link #SPLIT} rows, and room in the lists the row goes to.
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
    ChunkedRows[] lists = (ChunkedRows[]) slot;
    spares.ensure(2);
    ensureList(lists, PENDING).ensureRoom();
    lists[ALL].ensureRoom();
  }

  /**
   * Grows whatever moving a row of {@code key} into status {@code to} needs, without changing which
   * rows the index holds, so that the {@link #move} that follows allocates nothing: for a large
   * key, the list of that status and room in it.
   */
  void ensureRoomToMove(int key, int to) {
    ChunkedRows[] lists = listsOf(key);
    if (lists != null) {
      spares.ensure(1);
      ensureList(lists, to).ensureRoom();
    }
  }

  /** The lists of a large key, or null for a small one. */
  private ChunkedRows @Nullable [] listsOf(int key) {
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] == SPILLED && spilled[blocks[at + 1]] instanceof ChunkedRows[]) {
      return (ChunkedRows[]) spilled[blocks[at + 1]];
    }
    return null;
  }

  /** The list of {@code status}, made empty if the key has none yet. */
  private static ChunkedRows ensureList(ChunkedRows[] lists, int status) {
    ChunkedRows list = lists[status];
    return list != null ? list : newList(lists, status);
  }

  private static ChunkedRows newList(ChunkedRows[] lists, int status) {
    ChunkedRows list = new ChunkedRows(new int[3]);
    lists[status] = list;
    return list;
  }

  /** Moves a full block's rows into a spilled array of their own; the same rows, in order. */
  private void spill(int[] blocks, int at) {
    int[] rows = new int[INLINE + 3];
    rows[0] = INLINE;
    System.arraycopy(blocks, at, rows, 1, INLINE);
    if (freeSlotCount == 0 && spilledCount == spilled.length) {
      Object[] grown = Arrays.copyOf(spilled, spilledCount * 2);
      freeSlots = Arrays.copyOf(freeSlots, spilledCount * 2);
      spilled = grown;
    }
    int slot = freeSlotCount > 0 ? freeSlots[--freeSlotCount] : spilledCount++;
    spilled[slot] = rows;
    blocks[at] = SPILLED;
    blocks[at + 1] = slot;
    Arrays.fill(blocks, at + 2, at + INLINE, EMPTY);
  }

  /**
   * Removes a row from its key's lists, the list of its current status and every row's. O(log size
   * + {@value ChunkedRows#BLOCK}) for a large key, O(size) for a small one; allocates nothing.
   *
   * @throws IllegalStateException if the key does not hold the row
   */
  void remove(int key, int row) {
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] != SPILLED) {
      int last = at + blockCount(blocks, at) - 1;
      int i = indexOf(blocks, at, last, row);
      System.arraycopy(blocks, i + 1, blocks, i, last - i);
      blocks[last] = EMPTY;
      return;
    }
    Object slot = spilled[blocks[at + 1]];
    if (slot instanceof int[]) {
      int[] rows = (int[]) slot;
      int i = indexOf(rows, 1, rows[0], row);
      System.arraycopy(rows, i + 1, rows, i, rows[0] - i);
      rows[0]--;
    } else {
      ChunkedRows[] lists = (ChunkedRows[]) slot;
      Objects.requireNonNull(lists[table.status(row)]).remove(table, row, spares);
      lists[ALL].remove(table, row, spares);
    }
  }

  private static int indexOf(int[] rows, int first, int last, int row) {
    for (int i = first; i <= last; i++) {
      if (rows[i] == row) {
        return i;
      }
    }
    throw new IllegalStateException("index lost row " + row);
  }

  /** Drops every row of a key, so that its id can serve a new key. Allocates nothing. */
  void clear(int key) {
    if (key * INLINE >= capacity) {
      return;
    }
    int[] blocks = pages[(key * INLINE) >>> PAGE_SHIFT];
    int at = (key * INLINE) & PAGE_MASK;
    if (blocks[at] == SPILLED) {
      int slot = blocks[at + 1];
      spilled[slot] = CLEARED;
      freeSlots[freeSlotCount++] = slot;
    }
    Arrays.fill(blocks, at, at + INLINE, EMPTY);
  }

  /**
   * A large key's lists for the rows of a small one: one per status, and all of them, which takes
   * over {@code all}.
   */
  private ChunkedRows[] split(int[] all) {
    int[][] byStatus = new int[STATUSES][];
    for (int i = 1; i <= all[0]; i++) {
      int r = all[i];
      byStatus[table.status(r)] = insert(byStatus[table.status(r)], r);
    }
    ChunkedRows[] lists = new ChunkedRows[STATUSES + 1];
    for (int s = 0; s < STATUSES; s++) {
      int[] rows = byStatus[s];
      if (rows != null) {
        lists[s] = new ChunkedRows(rows);
      }
    }
    lists[ALL] = new ChunkedRows(all);
    return lists;
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

  /**
   * Moves {@code row} from status {@code from}; the table already holds its new status. O(log k +
   * {@value ChunkedRows#BLOCK}) for a large key of k rows, O(1) for a small one. Allocates only
   * what {@link #ensureRoomToMove} would, before it changes anything; after that call, nothing.
   */
  void move(int key, int row, int from) {
    ChunkedRows[] lists = listsOf(key);
    if (lists != null) {
      int to = table.status(row);
      spares.ensure(1);
      ensureList(lists, to).ensureRoom();
      Objects.requireNonNull(lists[from]).remove(table, row, spares);
      Objects.requireNonNull(lists[to]).insert(table, row, spares);
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
    return slot instanceof int[] ? ((int[]) slot)[0] : ((ChunkedRows[]) slot)[ALL].size;
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
    if (slot instanceof int[]) {
      int[] rows = (int[]) slot;
      return scan(rows, 1, rows[0], status, list.worker(), from, limit, out);
    }
    ChunkedRows rows = ((ChunkedRows[]) slot)[status >= 0 ? status : ALL];
    return rows == null ? 0 : rows.read(table, list.worker(), from, limit, out);
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
    ChunkedRows rows = ((ChunkedRows[]) slot)[list.status() >= 0 ? list.status() : ALL];
    if (rows == null) {
      return 0;
    }
    return list.worker() < 0 ? rows.size : rows.countOf(table, list.worker());
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

  private static int[] empty(int length) {
    int[] page = new int[length];
    Arrays.fill(page, EMPTY);
    return page;
  }
}
