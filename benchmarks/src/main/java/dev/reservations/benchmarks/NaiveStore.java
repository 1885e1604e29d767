package dev.reservations.benchmarks;

import dev.reservations.core.AccountSid;
import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationNotFoundException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a first version would do: a {@code HashMap} from sid to reservation, and streams that
 * filter, sort and limit. Pending deadlines sit in a second map. A read-write lock makes it safe
 * for the mixed workload.
 */
final class NaiveStore implements ReservationStore {
  static final Comparator<Reservation> LIST_ORDER =
      Comparator.comparing(Reservation::dateCreated).thenComparing(Reservation::sid);

  private final WorkspaceSid workspace;
  private final InstantSource clock;
  private final SidSource sids;
  private final AccountSid account;
  private final Map<ReservationSid, Reservation> reservations = new HashMap<>();
  private final Map<ReservationSid, Instant> deadlines = new HashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  NaiveStore(WorkspaceSid workspace, InstantSource clock, long seed) {
    this.workspace = workspace;
    this.clock = clock;
    this.sids = new SidSource(seed);
    this.account = sids.account();
  }

  @Override
  public Reservation reserve(TaskSid task, WorkerSid worker, String workerName,
      Duration timeout) {
    lock.writeLock().lock();
    try {
      Instant now = clock.instant();
      Reservation r = new Reservation(sids.reservation(), account, workspace, task, worker,
          workerName, ReservationStatus.PENDING, now, now, 0);
      reservations.put(r.sid(), r);
      deadlines.put(r.sid(), now.plus(timeout));
      return r;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void bulkInsert(Iterator<Reservation> rows, Duration timeout) {
    lock.writeLock().lock();
    try {
      while (rows.hasNext()) {
        Reservation r = rows.next();
        Reservation own = new Reservation(sids.reservation(), account, workspace, r.taskSid(),
            r.workerSid(), r.workerName(), r.status(), r.dateCreated(), r.dateUpdated(),
            r.version());
        reservations.put(own.sid(), own);
        if (own.status() == ReservationStatus.PENDING) {
          deadlines.put(own.sid(), own.dateCreated().plus(timeout));
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Reservation accept(ReservationSid sid) {
    lock.writeLock().lock();
    try {
      Instant now = clock.instant();
      Reservation accepted = apply(sid, ReservationStatus.ACCEPTED, now);
      List<Reservation> others = reservations.values().stream()
          .filter(r -> r.taskSid().equals(accepted.taskSid())
              && r.status() == ReservationStatus.PENDING)
          .collect(Collectors.toList());
      for (Reservation other : others) {
        apply(other.sid(), ReservationStatus.RESCINDED, now);
      }
      return accepted;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Reservation move(ReservationSid sid, ReservationStatus target) {
    lock.writeLock().lock();
    try {
      return apply(sid, target, clock.instant());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Reservation apply(ReservationSid sid, ReservationStatus target, Instant at) {
    Reservation r = reservations.get(sid);
    if (r == null) {
      throw new ReservationNotFoundException(sid);
    }
    if (!r.status().canMoveTo(target)) {
      throw new IllegalTransitionException(sid, r.status(), target);
    }
    Reservation moved = new Reservation(sid, account, workspace, r.taskSid(), r.workerSid(),
        r.workerName(), target, r.dateCreated(), at, r.version() + 1);
    reservations.put(sid, moved);
    deadlines.remove(sid);
    return moved;
  }

  @Override
  public List<Reservation> expireDue() {
    lock.writeLock().lock();
    try {
      Instant now = clock.instant();
      List<Map.Entry<ReservationSid, Instant>> due = deadlines.entrySet().stream()
          .filter(e -> !e.getValue().isAfter(now))
          .sorted(Map.Entry.<ReservationSid, Instant>comparingByValue()
              .thenComparing(e -> reservations.get(e.getKey()), LIST_ORDER))
          .collect(Collectors.toList());
      return due.stream()
          .map(e -> apply(e.getKey(), ReservationStatus.TIMEOUT, e.getValue()))
          .collect(Collectors.toUnmodifiableList());
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Page<Reservation> list(ReservationQuery query) {
    if (query.isTaskList() && query.workerSid().isPresent()) {
      throw new UnsupportedOperationException("worker filter on a task list");
    }
    Predicate<Reservation> key = query.isTaskList()
        ? r -> r.taskSid().equals(query.taskSid().get())
        : r -> r.workerSid().equals(query.workerSid().get());
    Optional<ReservationStatus> status = query.status();
    Keyset.Key after = Keyset.after(query);
    lock.readLock().lock();
    try {
      Stream<Reservation> matches = reservations.values().stream()
          .filter(r -> r.workspaceSid().equals(query.workspaceSid()))
          .filter(key);
      if (status.isPresent()) {
        ReservationStatus s = status.get();
        matches = matches.filter(r -> r.status() == s);
      }
      if (after != null) {
        matches = matches.filter(
            r -> Keyset.isAfter(Times.nanos(r.dateCreated()), r.sid(), after));
      }
      List<Reservation> fetched = matches.sorted(LIST_ORDER)
          .limit(query.pageSize() + 1L)
          .collect(Collectors.toList());
      return Keyset.page(query, fetched);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return reservations.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {}
}
