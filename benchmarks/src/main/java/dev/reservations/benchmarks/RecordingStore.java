package dev.reservations.benchmarks;

import dev.reservations.core.AccountSid;
import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Runs a load script and keeps only each reservation's final state, in compact arrays, so that
 * the competitors can be filled with those rows in bulk ({@link ReservationStore#bulkInsert}):
 * loading a million reservations call by call takes minutes in CQEngine and H2, and hours in the
 * naive store, whose accept scans every reservation. Its sid is the creation ordinal. Tasks must
 * come one after another (a script never returns to an earlier task), which lets accept find the
 * task's other pending reservations among the latest rows.
 */
final class RecordingStore implements ReservationStore {
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();
  private static final AccountSid NO_ACCOUNT = new AccountSid(0, 0);

  private final WorkspaceSid workspace;
  private final MutableClock clock;
  private final List<TaskSid> tasks = new ArrayList<>();
  private final List<WorkerSid> workers = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private byte[] statuses = new byte[1024];
  private long[] created = new long[1024];
  private long[] updated = new long[1024];
  private int[] versions = new int[1024];
  private int size;
  private int taskStart;

  RecordingStore(WorkspaceSid workspace, MutableClock clock) {
    this.workspace = workspace;
    this.clock = clock;
  }

  @Override
  public Reservation reserve(TaskSid task, WorkerSid worker, String workerName,
      Duration timeout) {
    if (size == statuses.length) {
      int capacity = size * 2;
      statuses = Arrays.copyOf(statuses, capacity);
      created = Arrays.copyOf(created, capacity);
      updated = Arrays.copyOf(updated, capacity);
      versions = Arrays.copyOf(versions, capacity);
    }
    if (size == 0 || !tasks.get(size - 1).equals(task)) {
      taskStart = size;
    }
    long now = clock.nanos();
    tasks.add(task);
    workers.add(worker);
    names.add(workerName);
    statuses[size] = (byte) ReservationStatus.PENDING.ordinal();
    created[size] = now;
    updated[size] = now;
    return row(size++);
  }

  @Override
  public Reservation accept(ReservationSid sid) {
    int row = (int) sid.low();
    long now = clock.nanos();
    Reservation accepted = apply(row, ReservationStatus.ACCEPTED, now);
    for (int i = taskStart; i < size; i++) {
      if (statuses[i] == ReservationStatus.PENDING.ordinal()
          && tasks.get(i).equals(tasks.get(row))) {
        apply(i, ReservationStatus.RESCINDED, now);
      }
    }
    return accepted;
  }

  @Override
  public Reservation move(ReservationSid sid, ReservationStatus target) {
    return apply((int) sid.low(), target, clock.nanos());
  }

  private Reservation apply(int row, ReservationStatus target, long at) {
    ReservationStatus from = STATUSES[statuses[row]];
    if (!from.canMoveTo(target)) {
      throw new IllegalTransitionException(new ReservationSid(0, row), from, target);
    }
    statuses[row] = (byte) target.ordinal();
    updated[row] = at;
    versions[row]++;
    return row(row);
  }

  private Reservation row(int row) {
    return new Reservation(new ReservationSid(0, row), NO_ACCOUNT, workspace, tasks.get(row),
        workers.get(row), names.get(row), STATUSES[statuses[row]], Times.instant(created[row]),
        Times.instant(updated[row]), versions[row]);
  }

  /** The final state of every reservation, in creation order, made one at a time. */
  Iterator<Reservation> rows() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public Reservation next() {
        if (next >= size) {
          throw new NoSuchElementException();
        }
        return row(next++);
      }
    };
  }

  @Override
  public void bulkInsert(Iterator<Reservation> rows, Duration timeout) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<Reservation> expireDue() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<Reservation> list(ReservationQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void close() {}
}
