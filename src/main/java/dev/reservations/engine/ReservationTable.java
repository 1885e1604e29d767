package dev.reservations.engine;

import dev.reservations.core.ReservationSid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The primary table: one row per live reservation. A row number is the reservation's identity
 * inside the engine while it lives; its sid is computed by {@link SidCipher} from the reservation's
 * sequence number (0, 1, 2, … in creation order, never reused) and is not stored.
 *
 * <p>Layout: row-major, three longs per row in pages of {@value #PAGE_ROWS} rows, so that reading a
 * reservation touches one or two cache lines and growing never copies: date created and date
 * updated (epoch nanoseconds), then one packed long holding the task id (bits 0–30), the worker ref
 * (bits 31–57), the status ordinal (bits 58–60), the version (bits 61–62; the state machine allows
 * at most three transitions) and a deleted mark (bit 63). 24 bytes per reservation, plus at most
 * one page of slack without deletions. A worker ref names a (worker id, worker name) pair, one per
 * distinct pair: the refs of a worker form a chain from its newest ({@code lastRefOfWorker})
 * through {@code olderRef}, which a row of a name seen before walks to reuse its ref, so a worker
 * whose name alternates among a few costs no more refs than it has names (past {@value
 * #NAMES_LOOKED_AT} names, one more per change, so that a reserve stays O(1)).
 *
 * <p>Sequence numbers fill logical pages in order: reservation {@code seq} sits at offset {@code
 * seq % PAGE_ROWS} of logical page {@code seq / PAGE_ROWS}, which some physical page holds; the row
 * number is the physical page's index times {@value #PAGE_ROWS} plus that offset. {@code
 * physicalOf} maps the logical pages from {@code base} on to their physical pages (-1 once freed),
 * {@code logicalOf} maps back. When every row of a full page is deleted the page is freed: its
 * logical page maps to -1, so that its sids find nothing, and the physical page goes back to a free
 * list for the next logical page; its array goes to a stack of at most {@value #KEPT_ARRAYS} spare
 * arrays, from which the next page mapped takes one before it allocates. A sid therefore finds its
 * row in O(1) with no hash map, a deleted sid finds nothing, and a deleted row's slot is reused
 * only with a new sequence number. Memory follows the live reservations at page granularity: a page
 * (393 KB) stays while any of its rows lives, so one long-lived reservation among 16,384 deleted
 * ones keeps its page.
 *
 * <p>Invariants: {@code live} counts the rows not deleted; {@code liveOf[p]} those of physical page
 * {@code p}; a page is free exactly when {@code logicalOf[p] < 0}; the page that takes the next row
 * is never freed. {@link #ensureRoom} grows everything {@link #add} needs; {@link #delete}
 * allocates nothing.
 *
 * <p>List order is date created, then sid in unsigned 128-bit order, which is sequence order;
 * {@link #compare} and {@link #compareToKey} give it.
 */
final class ReservationTable {
  static final int PAGE_ROWS = 1 << 14;
  static final int MAX_WORKER_REFS = 1 << 27;

  /** The most physical pages: as many rows as an int counts. */
  static final int MAX_PAGES = Integer.MAX_VALUE / PAGE_ROWS;

  private static final int KEPT_ARRAYS = 4;
  private static final int NAMES_LOOKED_AT = 8;
  private static final int STRIDE = 3;
  private static final int PAGE_SHIFT = 14;
  private static final int PAGE_MASK = PAGE_ROWS - 1;
  private static final long TASK_MASK = (1L << 31) - 1;
  private static final long REF_MASK = (1L << 27) - 1;
  private static final int REF_SHIFT = 31;
  private static final int STATUS_SHIFT = 58;
  private static final int VERSION_SHIFT = 61;
  private static final long DELETED = 1L << 63;

  private final SidCipher cipher;
  private long[] @Nullable [] pages = new long[16][];
  long[] logicalOf = new long[16];
  private int[] liveOf = new int[16];
  int pageCount;
  private int[] freePages = new int[16];
  int freeCount;
  private final long[] @Nullable [] spareArrays = new long[KEPT_ARRAYS][];
  private int spareCount;

  private int[] physicalOf = new int[16];
  private int start;
  private int end;
  private long base;

  long nextSeq;
  private int live;

  final IntArrayList refWorker = new IntArrayList();
  private final ArrayList<String> refName = new ArrayList<>();
  private final IntArrayList olderRef = new IntArrayList();
  private final IntArrayList lastRefOfWorker = new IntArrayList();

  ReservationTable(SidCipher cipher) {
    this.cipher = cipher;
  }

  /** How many rows live. */
  int size() {
    return live;
  }

  /**
   * The row the next {@link #add} fills, after {@link #ensureRoom}; so that its sid can be read
   * before the row exists.
   */
  int nextRow() {
    return physicalOf[start + (int) ((nextSeq >>> PAGE_SHIFT) - base)] << PAGE_SHIFT
        | (int) (nextSeq & PAGE_MASK);
  }

  /**
   * Adds a row and returns its number. After {@link #ensureRoom} for the same worker and name it
   * allocates nothing and cannot fail.
   */
  int add(int taskId, int workerId, String workerName, int statusOrdinal, long createdNanos) {
    ensureRoom(workerId, workerName);
    int row = nextRow();
    long[] rows = page(row >>> PAGE_SHIFT);
    int at = (row & PAGE_MASK) * STRIDE;
    rows[at] = createdNanos;
    rows[at + 1] = createdNanos;
    rows[at + 2] =
        taskId
            | (long) refFor(workerId, workerName) << REF_SHIFT
            | (long) statusOrdinal << STATUS_SHIFT;
    liveOf[row >>> PAGE_SHIFT]++;
    live++;
    nextSeq++;
    return row;
  }

  /**
   * Marks a live row deleted: its sid finds nothing from now on, and once no row of its page lives
   * the page is freed for reuse. Allocates nothing.
   */
  void delete(int row) {
    int page = row >>> PAGE_SHIFT;
    page(page)[(row & PAGE_MASK) * STRIDE + 2] |= DELETED;
    live--;
    if (--liveOf[page] == 0 && logicalOf[page] != nextSeq >>> PAGE_SHIFT) {
      free(page);
    }
  }

  private void free(int page) {
    physicalOf[start + (int) (logicalOf[page] - base)] = -1;
    logicalOf[page] = -1;
    freePages[freeCount++] = page;
    if (spareCount < KEPT_ARRAYS) {
      spareArrays[spareCount++] = page(page);
    }
    pages[page] = null;
    while (start < end && physicalOf[start] < 0) {
      start++;
      base++;
    }
  }

  private long[] page(int page) {
    return Objects.requireNonNull(pages[page]);
  }

  /**
   * Grows what adding a row of this worker ({@code -1}: one not seen yet) under this name needs,
   * without changing any row: the page the row goes to, and room for a new worker ref. A failure
   * here leaves the table's rows as they were.
   *
   * @throws IllegalStateException if the row needs a new worker ref or a new page and there is no
   *     room, or the engine has made {@link SidCipher#SEQ_LIMIT} reservations
   */
  void ensureRoom(int workerId, String workerName) {
    if (nextSeq == SidCipher.SEQ_LIMIT) {
      throw new IllegalStateException(
          "engine has made the most reservations its sids can number: " + SidCipher.SEQ_LIMIT);
    }
    checkRoomForRef(workerId, workerName);
    if ((nextSeq & PAGE_MASK) == 0 && nextSeq >>> PAGE_SHIFT == base + (end - start)) {
      mapNextPage();
    }
    int refs = refWorker.size() + 1;
    refWorker.ensureCapacity(refs);
    refName.ensureCapacity(refs);
    olderRef.ensureCapacity(refs);
    lastRefOfWorker.ensureCapacity(Math.max(workerId, lastRefOfWorker.size()) + 1);
  }

  /** Maps the logical page of {@code nextSeq} to a free physical page, or a new one. */
  private void mapNextPage() {
    if (freeCount == 0 && pageCount == MAX_PAGES) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "engine holds the most live reservations it can, %d pages of %d",
              MAX_PAGES,
              PAGE_ROWS));
    }
    if (end == physicalOf.length) {
      int used = end - start;
      int[] window = used * 2 < physicalOf.length ? physicalOf : new int[physicalOf.length * 2];
      System.arraycopy(physicalOf, start, window, 0, used);
      physicalOf = window;
      start = 0;
      end = used;
    }
    int page;
    if (freeCount > 0) {
      page = freePages[freeCount - 1];
      if (spareCount > 0) {
        pages[page] = Objects.requireNonNull(spareArrays[--spareCount]);
        spareArrays[spareCount] = null;
      } else {
        pages[page] = new long[PAGE_ROWS * STRIDE];
      }
      freeCount--;
    } else {
      if (pageCount == pages.length) {
        int grown = pageCount * 2;
        long[][] morePages = Arrays.copyOf(pages, grown);
        long[] moreLogical = Arrays.copyOf(logicalOf, grown);
        int[] moreLive = Arrays.copyOf(liveOf, grown);
        int[] moreFree = Arrays.copyOf(freePages, grown);
        pages = morePages;
        logicalOf = moreLogical;
        liveOf = moreLive;
        freePages = moreFree;
      }
      pages[pageCount] = new long[PAGE_ROWS * STRIDE];
      page = pageCount++;
    }
    logicalOf[page] = nextSeq >>> PAGE_SHIFT;
    liveOf[page] = 0;
    physicalOf[end++] = page;
  }

  /** The sequence number of a live row. */
  long seq(int row) {
    return logicalOf[row >>> PAGE_SHIFT] << PAGE_SHIFT | (row & PAGE_MASK);
  }

  /** The live row of a sequence number, or -1. */
  int rowOfSeq(long seq) {
    if (seq < 0 || seq >= nextSeq) {
      return -1;
    }
    long logical = seq >>> PAGE_SHIFT;
    if (logical < base) {
      return -1;
    }
    int page = physicalOf[start + (int) (logical - base)];
    if (page < 0) {
      return -1;
    }
    int row = page << PAGE_SHIFT | (int) (seq & PAGE_MASK);
    return (page(page)[(row & PAGE_MASK) * STRIDE + 2] & DELETED) == 0 ? row : -1;
  }

  /**
   * Throws an {@code IllegalStateException} if a row of this worker ({@code -1}: one not seen yet)
   * under this name needs a new worker ref and the table holds the most it can; so that a caller
   * can refuse before it changes anything.
   */
  void checkRoomForRef(int workerId, String name) {
    if (refWorker.size() == MAX_WORKER_REFS && knownRef(workerId, name) < 0) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "engine holds the most (worker, worker name) pairs it can, %d",
              MAX_WORKER_REFS));
    }
  }

  /**
   * The ref of this worker under this name among its {@value #NAMES_LOOKED_AT} newest, or -1;
   * newest first, so a steady name costs one comparison.
   */
  private int knownRef(int workerId, String name) {
    if (workerId < 0 || workerId >= lastRefOfWorker.size()) {
      return -1;
    }
    int ref = lastRefOfWorker.get(workerId);
    for (int i = 0; i < NAMES_LOOKED_AT && ref >= 0; i++, ref = olderRef.get(ref)) {
      if (refName.get(ref).equals(name)) {
        return ref;
      }
    }
    return -1;
  }

  private int refFor(int workerId, String name) {
    while (lastRefOfWorker.size() <= workerId) {
      lastRefOfWorker.add(-1);
    }
    int known = knownRef(workerId, name);
    if (known >= 0) {
      return known;
    }
    checkRoomForRef(workerId, name);
    int ref = refWorker.size();
    refWorker.add(workerId);
    refName.add(name);
    olderRef.add(lastRefOfWorker.get(workerId));
    lastRefOfWorker.set(workerId, ref);
    return ref;
  }

  /** Sets a row's status and date updated, and adds one to its version. */
  void update(int row, int statusOrdinal, long updatedNanos) {
    long[] rows = page(row >>> PAGE_SHIFT);
    int at = (row & PAGE_MASK) * STRIDE;
    long packed = rows[at + 2];
    long version = ((packed >>> VERSION_SHIFT) & 3) + 1;
    rows[at + 1] = updatedNanos;
    rows[at + 2] =
        (packed & (TASK_MASK | REF_MASK << REF_SHIFT))
            | (long) statusOrdinal << STATUS_SHIFT
            | version << VERSION_SHIFT;
  }

  private long packed(int row) {
    return page(row >>> PAGE_SHIFT)[(row & PAGE_MASK) * STRIDE + 2];
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
    return (int) ((packed(row) >>> VERSION_SHIFT) & 3);
  }

  long created(int row) {
    return page(row >>> PAGE_SHIFT)[(row & PAGE_MASK) * STRIDE];
  }

  long updated(int row) {
    return page(row >>> PAGE_SHIFT)[(row & PAGE_MASK) * STRIDE + 1];
  }

  ReservationSid sid(int row) {
    long high = cipher.high(seq(row));
    return new ReservationSid(high, cipher.low(high));
  }

  long sidHigh(int row) {
    return cipher.high(seq(row));
  }

  long sidLow(int row) {
    return cipher.low(cipher.high(seq(row)));
  }

  /**
   * The low bits of the sid whose high bits are {@code sidHigh(row)}, without computing those
   * again.
   */
  long sidLowOf(long sidHigh) {
    return cipher.low(sidHigh);
  }

  /** The live row with this sid, or -1. */
  int row(long high, long low) {
    return rowOfSeq(cipher.seq(high, low));
  }

  /**
   * List order of two rows: date created, then sid, whose order is that of the sequence numbers
   * (see {@link SidCipher}).
   */
  int compare(int a, int b) {
    if (a == b) {
      return 0;
    }
    int c = Long.compare(created(a), created(b));
    return c != 0 ? c : Long.compare(seq(a), seq(b));
  }

  /** List order of a row against a boundary key (date created, sid high, sid low). */
  int compareToKey(int row, long keyCreated, long keyHigh, long keyLow) {
    int c = Long.compare(created(row), keyCreated);
    if (c != 0) {
      return c;
    }
    long high = cipher.high(seq(row));
    c = Long.compareUnsigned(high, keyHigh);
    return c != 0 ? c : Long.compareUnsigned(cipher.low(high), keyLow);
  }
}
