package dev.reservations.benchmarks;

import static com.googlecode.cqengine.query.QueryFactory.and;
import static com.googlecode.cqengine.query.QueryFactory.applyThresholds;
import static com.googlecode.cqengine.query.QueryFactory.ascending;
import static com.googlecode.cqengine.query.QueryFactory.equal;
import static com.googlecode.cqengine.query.QueryFactory.greaterThan;
import static com.googlecode.cqengine.query.QueryFactory.greaterThanOrEqualTo;
import static com.googlecode.cqengine.query.QueryFactory.lessThanOrEqualTo;
import static com.googlecode.cqengine.query.QueryFactory.or;
import static com.googlecode.cqengine.query.QueryFactory.orderBy;
import static com.googlecode.cqengine.query.QueryFactory.queryOptions;
import static com.googlecode.cqengine.query.QueryFactory.threshold;

import com.googlecode.cqengine.ConcurrentIndexedCollection;
import com.googlecode.cqengine.IndexedCollection;
import com.googlecode.cqengine.attribute.SimpleAttribute;
import com.googlecode.cqengine.attribute.SimpleNullableAttribute;
import com.googlecode.cqengine.index.compound.CompoundIndex;
import com.googlecode.cqengine.index.hash.HashIndex;
import com.googlecode.cqengine.index.navigable.NavigableIndex;
import com.googlecode.cqengine.index.unique.UniqueIndex;
import com.googlecode.cqengine.query.Query;
import com.googlecode.cqengine.query.option.EngineThresholds;
import com.googlecode.cqengine.query.option.QueryOptions;
import com.googlecode.cqengine.resultset.ResultSet;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * CQEngine 3.6.0 as its best users set it up, in one of two setups.
 *
 * <p>Both: a {@link ConcurrentIndexedCollection} of {@link Row}s, each holding the immutable
 * immutable {@code Reservation} that list and the transitions return as it is (no per-item copy),
 * with identity equality, so that CQEngine's sets never hash a reservation's fields, and direct
 * references to its sid, keys and date created (taken once: a {@code Reservation} makes its sids
 * and dates anew on each call). Indexes: a
 * {@code UniqueIndex} on the sid; {@code HashIndex}es on task and on worker; {@code
 * CompoundIndex}es on (task, status) and (worker, status); a {@code NavigableIndex} on the pending
 * deadline, a nullable attribute that only pending rows have, so that only they are indexed. Every
 * attribute returns an object the row already holds ({@code Instant}s and sids are {@code
 * Comparable}): nothing is boxed or built per comparison. A page is the key's bucket (the hash or
 * the compound index), ordered by CQEngine's {@code orderBy(ascending(CREATED), ascending(SID))}
 * (the "materialize" strategy: the matches are sorted); the keyset part of a later page, {@code
 * created > c or (created = c and sid > s)}, is nested beside the key filter, so that the key's
 * index still serves the key part and CQEngine filters the bucket by the rest. A transition
 * replaces the row with {@code update}. Writes hold a write lock, so that accept and its
 * rescinds are atomic; reads a read lock.
 *
 * <p>{@link Competitor#CQENGINE_EXPERT} adds a {@code NavigableIndex} on the date created, used
 * only for index ordering ({@code applyThresholds(threshold(INDEX_ORDERING_SELECTIVITY, 1.0))}:
 * CQEngine walks the index in date order, starting at the keyset bound, and filters each row by
 * the key until the page is full), and only when the key's bucket is large: index ordering visits
 * about {@code (pageSize + 1) · size / bucket} rows, sorting makes {@code bucket · log2 bucket}
 * comparisons, and a visit (a skip-list step, a bucket, the query's filter) costs several
 * comparisons, estimated at {@value #VISIT_COST}; so a page walks the index when {@code bucket² ·
 * log2 bucket ≥ } {@value #VISIT_COST} {@code · (pageSize + 1) · size} (at 1,000,000
 * reservations and pages of 50, a bucket of about 4,500 rows or more). Bucket sizes come from
 * the hash and compound indexes in O(1). Where it sorts, its keyset filter reads the date
 * through a second attribute that no index serves: else CQEngine's planner would cost the range
 * {@code created > c} through the navigable index, a union of up to a million buckets.
 */
final class CqEngineStore implements ReservationStore {
  /**
   * One stored reservation: the reservation, returned as it is, its deadline while pending, and
   * references to its sid, keys and date created, so that an attribute read in a
   * filter or a comparison is one load from the row, not two. Equal only to itself: CQEngine's
   * indexes are sets of rows, and a row is only ever removed through the instance the collection
   * returned.
   */
  static final class Row {
    final Reservation reservation;
    final ReservationSid sid;
    final TaskSid task;
    final WorkerSid worker;
    final ReservationStatus status;
    final Instant created;
    final @Nullable Instant deadline;

    Row(Reservation reservation, @Nullable Instant deadline) {
      this.reservation = reservation;
      this.sid = reservation.sid();
      this.task = reservation.taskSid();
      this.worker = reservation.workerSid();
      this.status = reservation.status();
      this.created = reservation.dateCreated();
      this.deadline = deadline;
    }
  }

  static final SimpleAttribute<Row, ReservationSid> SID =
      new SimpleAttribute<>(Row.class, ReservationSid.class, "sid") {
        @Override
        public ReservationSid getValue(Row row, QueryOptions options) {
          return row.sid;
        }
      };
  static final SimpleAttribute<Row, TaskSid> TASK =
      new SimpleAttribute<>(Row.class, TaskSid.class, "task") {
        @Override
        public TaskSid getValue(Row row, QueryOptions options) {
          return row.task;
        }
      };
  static final SimpleAttribute<Row, WorkerSid> WORKER =
      new SimpleAttribute<>(Row.class, WorkerSid.class, "worker") {
        @Override
        public WorkerSid getValue(Row row, QueryOptions options) {
          return row.worker;
        }
      };
  static final SimpleAttribute<Row, ReservationStatus> STATUS =
      new SimpleAttribute<>(Row.class, ReservationStatus.class, "status") {
        @Override
        public ReservationStatus getValue(Row row, QueryOptions options) {
          return row.status;
        }
      };
  /** The date created; the expert setup's navigable index is on this attribute. */
  static final SimpleAttribute<Row, Instant> CREATED =
      new SimpleAttribute<>(Row.class, Instant.class, "created") {
        @Override
        public Instant getValue(Row row, QueryOptions options) {
          return row.created;
        }
      };
  /** The date created again, under another name, which no index serves: for filters only. */
  static final SimpleAttribute<Row, Instant> CREATED_FILTER =
      new SimpleAttribute<>(Row.class, Instant.class, "createdFilter") {
        @Override
        public Instant getValue(Row row, QueryOptions options) {
          return row.created;
        }
      };
  /** The deadline of a pending row; none once it left pending. */
  static final SimpleNullableAttribute<Row, Instant> DEADLINE =
      new SimpleNullableAttribute<>(Row.class, Instant.class, "deadline") {
        @Override
        public @Nullable Instant getValue(Row row, QueryOptions options) {
          return row.deadline;
        }
      };

  /** What visiting a row in index order costs, in comparisons of a sort: an estimate. */
  static final int VISIT_COST = 4;

  private static final QueryOptions LIST_ORDER =
      queryOptions(orderBy(ascending(CREATED), ascending(SID)));
  private static final QueryOptions INDEX_ORDER = queryOptions(
      orderBy(ascending(CREATED), ascending(SID)),
      applyThresholds(threshold(EngineThresholds.INDEX_ORDERING_SELECTIVITY, 1.0)));
  private static final QueryOptions DEADLINE_ORDER =
      queryOptions(orderBy(ascending(DEADLINE), ascending(CREATED), ascending(SID)));

  private final WorkspaceSid workspace;
  private final InstantSource clock;
  private final SidSource sids;
  private final AccountSid account;
  private final boolean expert;
  private final IndexedCollection<Row> rows = new ConcurrentIndexedCollection<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  // CQEngine's CompoundIndex.onAttributes takes generic varargs and is not @SafeVarargs.
  @SuppressWarnings("unchecked")
  CqEngineStore(WorkspaceSid workspace, InstantSource clock, long seed, boolean expert) {
    this.workspace = workspace;
    this.clock = clock;
    this.sids = new SidSource(seed);
    this.account = sids.account();
    this.expert = expert;
    rows.addIndex(UniqueIndex.onAttribute(SID));
    rows.addIndex(HashIndex.onAttribute(TASK));
    rows.addIndex(HashIndex.onAttribute(WORKER));
    rows.addIndex(CompoundIndex.onAttributes(TASK, STATUS));
    rows.addIndex(CompoundIndex.onAttributes(WORKER, STATUS));
    rows.addIndex(NavigableIndex.onAttribute(DEADLINE));
    if (expert) {
      rows.addIndex(NavigableIndex.onAttribute(CREATED));
    }
  }

  @Override
  public Reservation reserve(TaskSid task, WorkerSid worker, String workerName,
      Duration timeout) {
    lock.writeLock().lock();
    try {
      Instant now = clock.instant();
      Reservation r = new Reservation(sids.reservation(), account, workspace, task, worker,
          workerName, ReservationStatus.PENDING, now, now, 0);
      rows.add(new Row(r, now.plus(timeout)));
      return r;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void bulkInsert(Iterator<Reservation> source, Duration timeout) {
    lock.writeLock().lock();
    try {
      // One addAll of every row: CQEngine indexes a million rows in one call about a third faster
      // than in chunks of 10,000.
      List<Row> all = new ArrayList<>();
      while (source.hasNext()) {
        Reservation r = source.next();
        Reservation own = new Reservation(sids.reservation(), account, workspace, r.taskSid(),
            r.workerSid(), r.workerName(), r.status(), r.dateCreated(), r.dateUpdated(),
            r.version());
        all.add(new Row(own, r.status() == ReservationStatus.PENDING
            ? r.dateCreated().plus(timeout) : null));
      }
      rows.addAll(all);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Reservation accept(ReservationSid sid) {
    lock.writeLock().lock();
    try {
      Instant now = clock.instant();
      Reservation accepted = apply(find(sid), ReservationStatus.ACCEPTED, now);
      List<Row> others = new ArrayList<>();
      try (ResultSet<Row> pending = rows.retrieve(
          and(equal(TASK, accepted.taskSid()), equal(STATUS, ReservationStatus.PENDING)))) {
        pending.forEach(others::add);
      }
      for (Row other : others) {
        apply(other, ReservationStatus.RESCINDED, now);
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
      return apply(find(sid), target, clock.instant());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Row find(ReservationSid sid) {
    try (ResultSet<Row> found = rows.retrieve(equal(SID, sid))) {
      Iterator<Row> it = found.iterator();
      if (!it.hasNext()) {
        throw new ReservationNotFoundException(sid);
      }
      return it.next();
    }
  }

  private Reservation apply(Row row, ReservationStatus target, Instant at) {
    Reservation r = row.reservation;
    if (!r.status().canMoveTo(target)) {
      throw new IllegalTransitionException(r.sid(), r.status(), target);
    }
    Reservation moved = new Reservation(r.sid(), account, workspace, r.taskSid(), r.workerSid(),
        r.workerName(), target, r.dateCreated(), at, r.version() + 1);
    rows.update(List.of(row), List.of(new Row(moved, null)));
    return moved;
  }

  @Override
  public List<Reservation> expireDue() {
    lock.writeLock().lock();
    try {
      Instant now = clock.instant();
      List<Row> due = new ArrayList<>();
      try (ResultSet<Row> found = rows.retrieve(lessThanOrEqualTo(DEADLINE, now),
          DEADLINE_ORDER)) {
        found.forEach(due::add);
      }
      List<Reservation> expired = new ArrayList<>(due.size());
      for (Row row : due) {
        expired.add(apply(row, ReservationStatus.TIMEOUT, row.deadline));
      }
      return List.copyOf(expired);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Page<Reservation> list(ReservationQuery query) {
    if (query.isTaskList() && query.workerSid().isPresent()) {
      throw new UnsupportedOperationException("worker filter on a task list");
    }
    if (!query.workspaceSid().equals(workspace)) {
      return Keyset.page(query, List.of());
    }
    Query<Row> key = query.isTaskList()
        ? keyQuery(TASK, query.taskSid().get(), query)
        : keyQuery(WORKER, query.workerSid().get(), query);
    Keyset.Key after = Keyset.after(query);
    int limit = query.pageSize() + 1;
    List<Reservation> fetched = new ArrayList<>(limit);
    lock.readLock().lock();
    try {
      boolean indexOrder = expert && largeBucket(key, limit);
      Query<Row> filter = key;
      if (after != null) {
        Instant created = Times.instant(after.createdNanos());
        if (indexOrder) {
          // created ≥ c at the top level of the and: CQEngine starts the index walk there
          filter = and(key, greaterThanOrEqualTo(CREATED, created),
              or(greaterThan(CREATED, created), greaterThan(SID, after.sid())));
        } else {
          filter = and(key, or(greaterThan(CREATED_FILTER, created),
              and(equal(CREATED_FILTER, created), greaterThan(SID, after.sid()))));
        }
      }
      try (ResultSet<Row> found = rows.retrieve(filter, indexOrder ? INDEX_ORDER : LIST_ORDER)) {
        Iterator<Row> it = found.iterator();
        while (fetched.size() < limit && it.hasNext()) {
          fetched.add(it.next().reservation);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return Keyset.page(query, fetched);
  }

  private boolean largeBucket(Query<Row> key, int limit) {
    try (ResultSet<Row> found = rows.retrieve(key)) {
      return indexOrders(found.size(), limit, rows.size());
    }
  }

  /**
   * Whether walking the date index for {@code limit} matches of a bucket of {@code bucket} rows
   * among {@code size} beats sorting the bucket (see the class note).
   */
  static boolean indexOrders(int bucket, int limit, int size) {
    double b = bucket;
    return b > 1 && b * b * Math.log(b) / Math.log(2) >= VISIT_COST * limit * (double) size;
  }

  private static <K> Query<Row> keyQuery(SimpleAttribute<Row, K> attribute, K key,
      ReservationQuery query) {
    return query.status().isPresent()
        ? and(equal(attribute, key), equal(STATUS, query.status().get()))
        : equal(attribute, key);
  }

  @Override
  public int size() {
    return rows.size();
  }

  @Override
  public void close() {}
}
