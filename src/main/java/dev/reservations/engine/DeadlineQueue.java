package dev.reservations.engine;

import java.util.Arrays;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * The deadlines of pending reservations, so that timeouts cost O(expired + log n), not a scan.
 *
 * <p>Layout: reservations with the engine's default timeout sit in a FIFO ring of sequence numbers;
 * their deadline is date created plus the default, and since the engine's time never goes back the
 * ring is in deadline order, and in sequence order too. So an entry keeps only the low 32 bits of
 * its sequence number: the whole one is the least after the previous entry's with those bits, which
 * {@link #headSeq} starts from. A reservation whose sequence number is 2³² or more past the ring's
 * last entry (billions made since with their own timeouts) goes to the heap instead, with the same
 * deadline. Reservations with their own timeout sit in a binary min-heap of (deadline, sequence
 * number). Entries are removed lazily: a reservation that leaves pending, or is deleted, keeps its
 * entry until its deadline passes (or, deleted, until it reaches the ring's head), and is then
 * dropped unseen. Entries name sequence numbers, not rows, since a deleted reservation's row may
 * hold a new one before its entry goes. So the queue holds at most the reservations created within
 * one timeout of the current time: 4 bytes each in the ring, 16 in the heap.
 *
 * <p>{@link #poll} returns the due pending rows in deadline order, ties in list order.
 */
final class DeadlineQueue {
  private static final int PENDING = 0;

  final ReservationTable table;
  private final long defaultTimeout;

  /** The largest gap of sequence numbers between neighbours in the ring, plus one. */
  static final long RING_GAP = 1L << 32;

  /** The low 32 bits of the ring's sequence numbers, {@link #count} of them from {@link #head}. */
  int[] ring = new int[16];

  int head;
  int count;

  /** The sequence number of the entry at {@link #head}, when {@link #count} is above 0. */
  long headSeq;

  /** The sequence number of the ring's last entry, when {@link #count} is above 0. */
  long tailSeq;

  private long[] heapDeadline = new long[16];
  long[] heapSeq = new long[16];
  int heapSize;

  DeadlineQueue(ReservationTable table, long defaultTimeout) {
    this.table = table;
    this.defaultTimeout = defaultTimeout;
  }

  /**
   * Queues a pending row with its deadline. After {@link #ensureRoom} for the same timeout it
   * allocates nothing and cannot fail.
   */
  void add(int row, long timeout) {
    long seq = table.seq(row);
    boolean toRing = toRing(seq, timeout);
    grow(toRing);
    if (toRing) {
      ring[(head + count) & (ring.length - 1)] = (int) seq;
      if (count == 0) {
        headSeq = seq;
      }
      tailSeq = seq;
      count++;
    } else {
      siftUp(heapSize++, deadline(table.created(row), timeout), seq);
    }
  }

  /**
   * Grows the ring or the heap, whichever the table's next row will go to with {@code timeout}, so
   * that one more entry fits, without changing the entries; a failure here leaves the queue as it
   * was.
   */
  void ensureRoom(long timeout) {
    grow(toRing(table.nextSeq, timeout));
  }

  /** Whether the entry of sequence number {@code seq} with {@code timeout} goes to the ring. */
  private boolean toRing(long seq, long timeout) {
    return timeout == defaultTimeout && (count == 0 || seq - tailSeq < RING_GAP);
  }

  private void grow(boolean toRing) {
    if (toRing) {
      if (count == ring.length) {
        int[] grown = new int[ring.length * 2];
        for (int i = 0; i < count; i++) {
          grown[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = grown;
        head = 0;
      }
    } else if (heapSize == heapSeq.length) {
      long[] seqs = Arrays.copyOf(heapSeq, heapSize * 2);
      long[] deadlines = Arrays.copyOf(heapDeadline, heapSize * 2);
      heapSeq = seqs;
      heapDeadline = deadlines;
    }
  }

  /** The deadline of a row created at {@code created} with {@code timeout}, saturated. */
  static long deadline(long created, long timeout) {
    long deadline = created + timeout;
    return deadline < created ? Long.MAX_VALUE : deadline;
  }

  /**
   * Whether some entry, live or stale, is due at {@code now}; first drops the entries of deleted
   * reservations at the ring's head, which have no deadline to be due at. O(1) amortised.
   */
  boolean anyDue(long now) {
    while (count > 0 && table.rowOfSeq(headSeq) < 0) {
      dropHead();
    }
    return (count > 0 && headDeadline() <= now) || (heapSize > 0 && heapDeadline[0] <= now);
  }

  /** The deadline of the ring's head; the lowest one for a deleted head, which is due to go. */
  private long headDeadline() {
    int row = table.rowOfSeq(headSeq);
    return row < 0 ? Long.MIN_VALUE : deadline(table.created(row), defaultTimeout);
  }

  /** Drops the ring's head; the next entry's sequence number follows from its low bits. */
  private void dropHead() {
    head = (head + 1) & (ring.length - 1);
    count--;
    if (count > 0) {
      headSeq = next(headSeq, ring[head]);
    }
  }

  /**
   * {@return the least sequence number at or after {@code seq} whose low 32 bits are {@code low}}
   */
  static long next(long seq, int low) {
    return seq + ((low - (int) seq) & 0xFFFF_FFFFL);
  }

  /**
   * Removes every entry due at {@code now} and returns the rows still pending, in deadline order
   * with ties in list order, with their deadlines.
   */
  Due poll(long now) {
    IntArrayList rows = new IntArrayList();
    LongArrayList due = new LongArrayList();
    while (count > 0) {
      long deadline = headDeadline();
      if (deadline > now) {
        break;
      }
      int row = table.rowOfSeq(headSeq);
      dropHead();
      keepIfPending(row, deadline, rows, due);
    }
    while (heapSize > 0 && heapDeadline[0] <= now) {
      int row = table.rowOfSeq(heapSeq[0]);
      long deadline = heapDeadline[0];
      heapSize--;
      if (heapSize > 0) {
        siftDown(0, heapDeadline[heapSize], heapSeq[heapSize]);
      }
      keepIfPending(row, deadline, rows, due);
    }
    int n = rows.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    sort(order, new int[n], 0, n, rows, due);
    int[] sortedRows = new int[n];
    long[] sortedDue = new long[n];
    for (int i = 0; i < n; i++) {
      sortedRows[i] = rows.get(order[i]);
      sortedDue[i] = due.get(order[i]);
    }
    return new Due(sortedRows, sortedDue);
  }

  private void keepIfPending(int row, long deadline, IntArrayList rows, LongArrayList due) {
    if (row >= 0 && table.status(row) == PENDING) {
      rows.add(row);
      due.add(deadline);
    }
  }

  /** Due rows and their deadlines, index by index. */
  @SuppressWarnings("ArrayRecordComponent") // never compared: the engine reads the arrays
  record Due(int[] rows, long[] deadlines) {}

  private int compare(int a, int b, IntArrayList rows, LongArrayList due) {
    int c = Long.compare(due.get(a), due.get(b));
    return c != 0 ? c : table.compare(rows.get(a), rows.get(b));
  }

  /** Stable merge sort of order[from, to) by (deadline, list order). */
  private void sort(
      int[] order, int[] scratch, int from, int to, IntArrayList rows, LongArrayList due) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    sort(order, scratch, from, mid, rows, due);
    sort(order, scratch, mid, to, rows, due);
    if (compare(order[mid - 1], order[mid], rows, due) <= 0) {
      return;
    }
    System.arraycopy(order, from, scratch, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(scratch[i], scratch[j], rows, due) <= 0)) {
        order[k] = scratch[i++];
      } else {
        order[k] = scratch[j++];
      }
    }
  }

  private void siftUp(int at, long deadline, long seq) {
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (heapDeadline[parent] <= deadline) {
        break;
      }
      heapDeadline[at] = heapDeadline[parent];
      heapSeq[at] = heapSeq[parent];
      at = parent;
    }
    heapDeadline[at] = deadline;
    heapSeq[at] = seq;
  }

  private void siftDown(int at, long deadline, long seq) {
    while (true) {
      int child = 2 * at + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && heapDeadline[child + 1] < heapDeadline[child]) {
        child++;
      }
      if (heapDeadline[child] >= deadline) {
        break;
      }
      heapDeadline[at] = heapDeadline[child];
      heapSeq[at] = heapSeq[child];
      at = child;
    }
    heapDeadline[at] = deadline;
    heapSeq[at] = seq;
  }
}
