package dev.reservations.engine;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.ByteArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * The primary table: one row per reservation, stored column by column and never removed. A row
 * number is the reservation's identity inside the engine; its sid is computed from the row by
 * {@link SidCipher} and is not stored.
 *
 * <p>Columns: task id (int), worker ref (int), status ordinal (byte), version (byte: the state
 * machine allows at most three transitions), date created and date updated (epoch nanoseconds,
 * long). 26 bytes per reservation. A worker ref names a (worker id, worker name) pair; a worker
 * keeps reusing its last ref while its name stays the same, so refs cost next to nothing.
 *
 * <p>List order is date created, then sid in unsigned 128-bit order; {@link #compare} and
 * {@link #compareToKey} give it.
 */
final class ReservationTable {
  private final SidCipher cipher;
  private final IntArrayList task = new IntArrayList();
  private final IntArrayList workerRef = new IntArrayList();
  private final ByteArrayList status = new ByteArrayList();
  private final ByteArrayList version = new ByteArrayList();
  private final LongArrayList created = new LongArrayList();
  private final LongArrayList updated = new LongArrayList();

  private final IntArrayList refWorker = new IntArrayList();
  private final List<String> refName = new ArrayList<>();
  private final IntArrayList lastRefOfWorker = new IntArrayList();

  ReservationTable(SidCipher cipher) {
    this.cipher = cipher;
  }

  int size() {
    return task.size();
  }

  int add(int taskId, int workerId, String workerName, int statusOrdinal, long createdNanos) {
    int row = task.size();
    task.add(taskId);
    workerRef.add(refFor(workerId, workerName));
    status.add((byte) statusOrdinal);
    version.add((byte) 0);
    created.add(createdNanos);
    updated.add(createdNanos);
    return row;
  }

  private int refFor(int workerId, String name) {
    while (lastRefOfWorker.size() <= workerId) {
      lastRefOfWorker.add(-1);
    }
    int last = lastRefOfWorker.get(workerId);
    if (last >= 0 && refName.get(last).equals(name)) {
      return last;
    }
    int ref = refWorker.size();
    refWorker.add(workerId);
    refName.add(name);
    lastRefOfWorker.set(workerId, ref);
    return ref;
  }

  void update(int row, int statusOrdinal, long updatedNanos) {
    status.set(row, (byte) statusOrdinal);
    version.set(row, (byte) (version.get(row) + 1));
    updated.set(row, updatedNanos);
  }

  int task(int row) {
    return task.get(row);
  }

  int worker(int row) {
    return refWorker.get(workerRef.get(row));
  }

  String workerName(int row) {
    return refName.get(workerRef.get(row));
  }

  int status(int row) {
    return status.get(row);
  }

  int version(int row) {
    return version.get(row);
  }

  long created(int row) {
    return created.get(row);
  }

  long updated(int row) {
    return updated.get(row);
  }

  long sidHigh(int row) {
    return cipher.high(cipher.low(row));
  }

  long sidLow(int row) {
    return cipher.low(row);
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
    int c = Long.compare(created.get(a), created.get(b));
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
    int c = Long.compare(created.get(row), keyCreated);
    if (c != 0) {
      return c;
    }
    long low = cipher.low(row);
    c = Long.compareUnsigned(cipher.high(low), keyHigh);
    return c != 0 ? c : Long.compareUnsigned(low, keyLow);
  }
}
