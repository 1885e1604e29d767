package dev.reservations.engine;

import dev.reservations.core.ReservationStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.jspecify.annotations.Nullable;

/**
 * The engine's invariants, checked from its package-private state, as Caffeine's tests check a
 * cache's: every index agrees with the table, the counts with the statuses, the deadline queue with
 * the pending rows, at most one reservation per task is accepted, and between two checks of one
 * engine no reservation vanished but with its deleted task, none went back in version, date or the
 * engine's time, and every new one took a sequence number (so a sid) never used before. Rows are
 * the live ones of the table's pages; a deleted task's key holds none. Test code only; the engine
 * keeps nothing for it.
 */
final class EngineInvariants {
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();
  private static final int PENDING = ReservationStatus.PENDING.ordinal();
  private static final int ACCEPTED = ReservationStatus.ACCEPTED.ordinal();

  /** A checker per engine, for {@link #check(ReservationEngine)}; weak, so old engines go. */
  private static final Map<ReservationEngine, EngineInvariants> CHECKERS = new WeakHashMap<>();

  private final ReservationEngine e;
  private @Nullable Snapshot last;

  /**
   * A checker of one engine that remembers its last check. Code that model-checks the engine
   * (Lincheck) keeps one of its own, since the checker shared by {@link #check(ReservationEngine)}
   * is static state.
   */
  EngineInvariants(ReservationEngine e) {
    this.e = e;
  }

  /**
   * Checks that every index of {@code engine} equals the projection of its table, and that since
   * the previous check of the same engine nothing went back; throws {@code IllegalStateException}
   * naming the first disagreement. O(n log n).
   */
  static void check(ReservationEngine engine) {
    EngineInvariants checker;
    synchronized (CHECKERS) {
      checker = CHECKERS.computeIfAbsent(engine, EngineInvariants::new);
    }
    checker.check();
  }

  /** As {@link #check(ReservationEngine)}, against this checker's own previous check. */
  void check() {
    e.guard.lock.lock();
    try {
      run();
      sinceLastCheck(last);
      last = snapshot();
    } finally {
      e.guard.lock.unlock();
    }
  }

  /** The rows of a key in {@code status} ({@code -1}: all), in list order. */
  private static int[] rows(KeyIndex index, int key, int status) {
    int[] out = new int[index.size(key)];
    int n = index.read(new ListKey(-1, key, status, -1), null, out.length, out);
    return Arrays.copyOf(out, n);
  }

  /** Every live entry's row of a deadline queue: the pending rows it will time out. */
  static int[] pendingRows(DeadlineQueue queue) {
    IntArrayList out = new IntArrayList();
    long seq = queue.headSeq;
    for (int i = 0; i < queue.count; i++) {
      if (i > 0) {
        seq = DeadlineQueue.next(seq, queue.ring[(queue.head + i) & (queue.ring.length - 1)]);
      }
      addIfPending(queue.table, seq, out);
    }
    if (queue.count > 0 && seq != queue.tailSeq) {
      fail(
          "the deadline ring's last entry reads as sequence number %d, not %d", seq, queue.tailSeq);
    }
    for (int i = 0; i < queue.heapSize; i++) {
      addIfPending(queue.table, queue.heapSeq[i], out);
    }
    return out.toArray();
  }

  private static void addIfPending(ReservationTable table, long seq, IntArrayList out) {
    int row = table.rowOfSeq(seq);
    if (row >= 0 && table.status(row) == PENDING) {
      out.add(row);
    }
  }

  /**
   * The table's live rows, in row order, read from its page layout; only the rows written, so that
   * a check under Lincheck's instrumentation stays as cheap as the engine is small.
   */
  static int[] liveRows(ReservationTable table) {
    IntArrayList out = new IntArrayList();
    for (int page = 0; page < table.pageCount; page++) {
      if (table.logicalOf[page] < 0) {
        continue;
      }
      long written = table.nextSeq - table.logicalOf[page] * ReservationTable.PAGE_ROWS;
      for (int i = 0; i < Math.min(ReservationTable.PAGE_ROWS, written); i++) {
        int row = page * ReservationTable.PAGE_ROWS + i;
        if (table.rowOfSeq(table.seq(row)) == row) {
          out.add(row);
        }
      }
    }
    return out.toArray();
  }

  /** Whether a key id names a key now, rather than a removed one. */
  private static boolean present(KeyTable<?> keys, int id) {
    return keys.find(keys.high(id), keys.low(id)) == id;
  }

  private void run() {
    int[] statusCount = new int[STATUSES.length];
    List<IntArrayList> rowsOfTask = new ArrayList<>();
    List<IntArrayList> rowsOfWorker = new ArrayList<>();
    for (int t = 0; t < e.tasks.size(); t++) {
      rowsOfTask.add(new IntArrayList());
    }
    for (int w = 0; w < e.workers.size(); w++) {
      rowsOfWorker.add(new IntArrayList());
    }
    int[] acceptedOfTask = new int[e.tasks.size()];
    int[] live = liveRows(e.table);
    if (live.length != e.table.size()) {
      fail("table has %d live rows, its size says %d", live.length, e.table.size());
    }
    for (int row : live) {
      if (!present(e.tasks, e.table.task(row))) {
        fail("row %d belongs to removed task %d", row, e.table.task(row));
      }
      statusCount[e.table.status(row)]++;
      rowsOfTask.get(e.table.task(row)).add(row);
      rowsOfWorker.get(e.table.worker(row)).add(row);
      int status = e.table.status(row);
      if (status == ACCEPTED
          || status == ReservationStatus.WRAPPING.ordinal()
          || status == ReservationStatus.COMPLETED.ordinal()) {
        acceptedOfTask[e.table.task(row)]++;
      }
      if (e.table.updated(row) < e.table.created(row)) {
        fail("row %d updated before it was created", row);
      }
      if (e.table.row(e.table.sidHigh(row), e.table.sidLow(row)) != row) {
        fail("row %d does not map back from its sid", row);
      }
      if (e.workers.workspace(e.table.worker(row)) != e.tasks.workspace(e.table.task(row))) {
        fail("row %d: worker and task in different workspaces", row);
      }
    }
    int total = 0;
    for (int s = 0; s < STATUSES.length; s++) {
      if (statusCount[s] != e.transitions.counts[s]) {
        fail(
            "count of %s is %d, table has %d",
            STATUSES[s], e.transitions.counts[s], statusCount[s]);
      }
      total += e.transitions.counts[s];
    }
    if (total != e.table.size()) {
      fail("counts sum to %d, table has %d", total, e.table.size());
    }
    for (int t = 0; t < e.tasks.size(); t++) {
      checkKey(e, e.tasks, t, rowsOfTask.get(t), "task");
      if (!present(e.tasks, t)) {
        continue;
      }
      if (acceptedOfTask[t] > 1) {
        fail("task %d has %d accepted reservations", t, acceptedOfTask[t]);
      }
      boolean assigned = e.tasks.has(t, KeyTable.ASSIGNED);
      if (assigned != (acceptedOfTask[t] == 1)) {
        fail("task %d assigned flag %b disagrees with its reservations", t, assigned);
      }
    }
    for (int w = 0; w < e.workers.size(); w++) {
      checkKey(e, e.workers, w, rowsOfWorker.get(w), "worker");
    }
    int[] queued = pendingRows(e.deadlines);
    IntArrayList pendingRows = new IntArrayList();
    for (int row : live) {
      if (e.table.status(row) == PENDING) {
        pendingRows.add(row);
      }
    }
    if (e.pendingPairs.size() != pendingRows.size()) {
      fail("%d pending pairs for %d pending rows", e.pendingPairs.size(), pendingRows.size());
    }
    for (int i = 0; i < pendingRows.size(); i++) {
      int row = pendingRows.get(i);
      if (!e.pendingPairs.contains(e.table.task(row), e.table.worker(row))) {
        fail("pending row %d has no pending pair", row);
      }
    }
    IntArrayList queuedSorted = IntArrayList.newListWith(queued).sortThis();
    if (!queuedSorted.equals(pendingRows)) {
      fail("deadline queue holds %s, pending rows are %s", queuedSorted, pendingRows);
    }
  }

  /**
   * The live reservations as this check saw them, by sequence number, with their task's id and
   * generation, for the next check to compare against.
   */
  record Snapshot(
      long lastNanos,
      long maxSeq,
      long[] seq,
      int[] task,
      int[] generation,
      byte[] status,
      byte[] version,
      long[] created,
      long[] updated) {}

  private Snapshot snapshot() {
    int[] live = liveRows(e.table);
    int n = live.length;
    long[] seq = new long[n];
    int[] task = new int[n];
    int[] generation = new int[n];
    byte[] status = new byte[n];
    byte[] version = new byte[n];
    long[] created = new long[n];
    long[] updated = new long[n];
    long maxSeq = last == null ? -1 : last.maxSeq();
    for (int i = 0; i < n; i++) {
      int row = live[i];
      seq[i] = e.table.seq(row);
      maxSeq = Math.max(maxSeq, seq[i]);
      task[i] = e.table.task(row);
      generation[i] = e.tasks.generation(task[i]);
      status[i] = (byte) e.table.status(row);
      version[i] = (byte) e.table.version(row);
      created[i] = e.table.created(row);
      updated[i] = e.table.updated(row);
    }
    return new Snapshot(
        e.lastNanos, maxSeq, seq, task, generation, status, version, created, updated);
  }

  /**
   * Checks each row's version against its status, and that since the previous check no row
   * vanished, no date created changed, and versions, dates updated and the engine's time only moved
   * forward, each row along a legal path of the state machine.
   */
  private void sinceLastCheck(@Nullable Snapshot previous) {
    int[] live = liveRows(e.table);
    for (int row : live) {
      int status = e.table.status(row);
      int version = e.table.version(row);
      int least = status == PENDING ? 0 : status == ReservationStatus.WRAPPING.ordinal() ? 2 : 1;
      int most =
          status == PENDING
              ? 0
              : status == ReservationStatus.WRAPPING.ordinal()
                  ? 2
                  : status == ReservationStatus.COMPLETED.ordinal() ? 3 : 1;
      if (version < least || version > most) {
        fail("row %d is %s at version %d", row, STATUSES[status], version);
      }
      if (e.table.updated(row) > e.lastNanos) {
        fail(
            "row %d updated at %d, after the engine's time %d",
            row, e.table.updated(row), e.lastNanos);
      }
    }
    if (previous == null) {
      return;
    }
    if (e.lastNanos < previous.lastNanos()) {
      fail("engine's time went back from %d to %d", previous.lastNanos(), e.lastNanos);
    }
    LongHashSet seen = new LongHashSet(previous.seq().length * 2);
    for (int i = 0; i < previous.seq().length; i++) {
      long seq = previous.seq()[i];
      seen.add(seq);
      int row = e.table.rowOfSeq(seq);
      if (row < 0) {
        if (e.tasks.generation(previous.task()[i]) == previous.generation()[i]) {
          fail("reservation %d vanished, but its task %d was not deleted", seq, previous.task()[i]);
        }
        continue;
      }
      int was = previous.status()[i];
      int is = e.table.status(row);
      int moves = e.table.version(row) - previous.version()[i];
      if (e.table.created(row) != previous.created()[i]) {
        fail(
            "reservation %d date created changed from %d to %d",
            seq, previous.created()[i], e.table.created(row));
      }
      if (moves < 0 || e.table.updated(row) < previous.updated()[i]) {
        fail(
            "reservation %d went back from version %d at %d to version %d at %d",
            seq,
            previous.version()[i],
            previous.updated()[i],
            e.table.version(row),
            e.table.updated(row));
      }
      if (moves == 0
          ? is != was || e.table.updated(row) != previous.updated()[i]
          : is == was || (moves == 1 && !STATUSES[was].canMoveTo(STATUSES[is]))) {
        fail(
            "reservation %d moved from %s v%d to %s v%d",
            seq, STATUSES[was], previous.version()[i], STATUSES[is], e.table.version(row));
      }
    }
    for (int row : live) {
      long seq = e.table.seq(row);
      if (!seen.contains(seq) && seq <= previous.maxSeq()) {
        fail("new reservation at row %d took sequence number %d, used before", row, seq);
      }
    }
  }

  private void checkKey(
      ReservationEngine e, KeyTable<?> keys, int key, IntArrayList expected, String kind) {
    KeyIndex index = Objects.requireNonNull(keys.rows);
    int[] expectedRows = expected.toArray();
    sortInListOrder(expectedRows);
    int[] actual = rows(index, key, -1);
    if (!Arrays.equals(expectedRows, actual)) {
      fail(
          "%s %d index holds %s, table has %s",
          kind, key, Arrays.toString(actual), Arrays.toString(expectedRows));
    }
    IntArrayList byStatus = new IntArrayList(expectedRows.length);
    for (int s = 0; s < STATUSES.length; s++) {
      int[] inStatus = rows(index, key, s);
      for (int i = 0; i < inStatus.length; i++) {
        if (e.table.status(inStatus[i]) != s) {
          fail(
              "%s %d status %s holds row %d of status %s",
              kind, key, STATUSES[s], inStatus[i], STATUSES[e.table.status(inStatus[i])]);
        }
        if (i > 0 && e.table.compare(inStatus[i - 1], inStatus[i]) >= 0) {
          fail(
              "%s %d status %s is out of list order at row %d",
              kind, key, STATUSES[s], inStatus[i]);
        }
      }
      byStatus.addAll(inStatus);
    }
    int[] statusRows = byStatus.toArray();
    sortInListOrder(statusRows);
    if (!Arrays.equals(expectedRows, statusRows)) {
      fail(
          "%s %d status index holds %s, table has %s",
          kind, key, Arrays.toString(statusRows), Arrays.toString(expectedRows));
    }
    ChunkedRows[] lists = largeLists(index, key);
    if (lists != null) {
      for (int s = 0; s <= KeyIndex.ALL; s++) {
        if (lists[s] != null) {
          checkBlocks(lists[s], kind + " " + key + " list " + s);
        }
      }
    }
  }

  /** The status lists of a large key, from the index's layout, or null for a small key. */
  static ChunkedRows @Nullable [] largeLists(KeyIndex index, int key) {
    if (key * KeyIndex.INLINE >= index.capacity) {
      return null;
    }
    int[] blocks = index.pages[(key * KeyIndex.INLINE) >>> KeyIndex.PAGE_SHIFT];
    int at = (key * KeyIndex.INLINE) & KeyIndex.PAGE_MASK;
    if (blocks[at] != KeyIndex.SPILLED) {
      return null;
    }
    Object slot = index.spilled[blocks[at + 1]];
    return slot instanceof ChunkedRows[] ? (ChunkedRows[]) slot : null;
  }

  /**
   * Checks the block structure of one list, which bounds what a change costs: every block holds at
   * most {@link ChunkedRows#BLOCK} rows, every block but the last at least {@link
   * ChunkedRows#FLOOR} and has full length, only a sole block is empty, and the sizes add up.
   */
  static void checkBlocks(ChunkedRows list, String name) {
    if (list.blockCount < 1 || list.blockCount > list.blocks.length) {
      fail("%s has %d blocks in %d slots", name, list.blockCount, list.blocks.length);
    }
    long sum = 0;
    for (int b = 0; b < list.blockCount; b++) {
      int[] block = list.blocks[b];
      int n = block[0];
      boolean last = b == list.blockCount - 1;
      if (n > ChunkedRows.BLOCK || n + 1 > block.length) {
        fail("%s block %d holds %d rows in %d ints", name, b, n, block.length);
      }
      if (!last && (n < ChunkedRows.FLOOR || block.length != ChunkedRows.BLOCK + 1)) {
        fail("%s inner block %d holds %d rows in %d ints", name, b, n, block.length);
      }
      if (n == 0 && list.blockCount > 1) {
        fail("%s block %d of %d is empty", name, b, list.blockCount);
      }
      sum += n;
    }
    if (sum != list.size) {
      fail("%s blocks hold %d rows, its size says %d", name, sum, list.size);
    }
  }

  /** Sorts rows in list order; a merge sort, since a key may hold a million rows. */
  private void sortInListOrder(int[] rows) {
    mergeSort(rows, new int[rows.length], 0, rows.length);
  }

  private void mergeSort(int[] rows, int[] scratch, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(rows, scratch, from, mid);
    mergeSort(rows, scratch, mid, to);
    System.arraycopy(rows, from, scratch, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && e.table.compare(scratch[i], scratch[j]) <= 0)) {
        rows[k] = scratch[i++];
      } else {
        rows[k] = scratch[j++];
      }
    }
  }

  private static void fail(String format, Object... args) {
    throw new IllegalStateException(String.format(Locale.ROOT, format, args));
  }
}
