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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * H2 2.3 in memory through plain JDBC prepared statements. Sids are {@code UUID} columns (16
 * bytes, compared unsigned as the hex text is), dates {@code BIGINT} epoch nanoseconds, the
 * status a {@code TINYINT} ordinal. Indexes: the primary key on sid; (task, status, created, sid),
 * (worker, status, created, sid), (task, created, sid), (worker, created, sid) for the lists; and
 * (status, deadline) for timeouts. Pages are keyset queries, {@code WHERE (date_created, sid) >
 * (?, ?) ORDER BY date_created, sid LIMIT ?}, with the key columns leading the ORDER BY so that
 * H2 walks the index in order. Each thread has its own connection and statements;
 * accept and its rescinds run in one transaction. A bulk load into the empty table inserts the
 * rows first and builds the secondary indexes after them.
 */
final class H2Store implements ReservationStore {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();
  private static final int PENDING = ReservationStatus.PENDING.ordinal();
  private static final String COLUMNS = "sid, task_sid, worker_sid, worker_name, status, "
      + "date_created, date_updated, version, deadline";

  /**
   * The secondary indexes, in creation order: the constructor creates them on the empty table, and
   * a bulk load into an empty table drops them and creates them again after its inserts.
   */
  private static final List<Index> INDEXES = List.of(
      new Index("by_task_status", "task_sid, status, date_created, sid"),
      new Index("by_worker_status", "worker_sid, status, date_created, sid"),
      new Index("by_task", "task_sid, date_created, sid"),
      new Index("by_worker", "worker_sid, date_created, sid"),
      new Index("by_deadline", "status, deadline"));

  /** A secondary index of the reservation table. */
  private record Index(String name, String columns) {
    String create() {
      return "CREATE INDEX " + name + " ON reservation (" + columns + ")";
    }

    String drop() {
      return "DROP INDEX " + name;
    }
  }

  private final String url;
  private final WorkspaceSid workspace;
  private final InstantSource clock;
  private final SidSource sids;
  private final AccountSid account;
  private final Connection keeper;
  private final ThreadLocal<Session> sessions = ThreadLocal.withInitial(this::open);
  private final ConcurrentLinkedQueue<Session> opened = new ConcurrentLinkedQueue<>();

  H2Store(WorkspaceSid workspace, InstantSource clock, long seed) {
    this.url = "jdbc:h2:mem:reservations" + DATABASES.incrementAndGet();
    this.workspace = workspace;
    this.clock = clock;
    this.sids = new SidSource(seed);
    this.account = sids.account();
    try {
      keeper = DriverManager.getConnection(url);
      try (Statement s = keeper.createStatement()) {
        s.execute("CREATE TABLE reservation ("
            + "sid UUID PRIMARY KEY, account_sid UUID NOT NULL, workspace_sid UUID NOT NULL, "
            + "task_sid UUID NOT NULL, worker_sid UUID NOT NULL, "
            + "worker_name VARCHAR NOT NULL, status TINYINT NOT NULL, "
            + "date_created BIGINT NOT NULL, date_updated BIGINT NOT NULL, "
            + "version BIGINT NOT NULL, deadline BIGINT)");
        for (Index index : INDEXES) {
          s.execute(index.create());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One connection and its prepared statements, used by one thread. */
  private final class Session {
    final Connection c;
    final PreparedStatement insert;
    final PreparedStatement byId;
    final PreparedStatement update;
    final PreparedStatement pendingOfTask;
    final PreparedStatement due;
    final PreparedStatement[] lists = new PreparedStatement[8];

    Session(Connection c) throws SQLException {
      this.c = c;
      insert = c.prepareStatement("INSERT INTO reservation (account_sid, workspace_sid, "
          + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      byId = c.prepareStatement("SELECT " + COLUMNS + " FROM reservation WHERE sid = ?");
      update = c.prepareStatement("UPDATE reservation SET status = ?, date_updated = ?, "
          + "version = ?, deadline = NULL WHERE sid = ?");
      pendingOfTask = c.prepareStatement("SELECT " + COLUMNS + " FROM reservation "
          + "WHERE task_sid = ? AND status = " + PENDING + " ORDER BY date_created, sid");
      due = c.prepareStatement("SELECT " + COLUMNS + " FROM reservation WHERE status = "
          + PENDING + " AND deadline <= ? ORDER BY deadline, date_created, sid");
      for (int i = 0; i < lists.length; i++) {
        boolean task = (i & 1) == 0;
        boolean status = (i & 2) != 0;
        boolean after = (i & 4) != 0;
        // The key columns lead the ORDER BY, although they are fixed by the WHERE clause:
        // H2 2.3 reads an index in order (and stops at the LIMIT) only when the ORDER BY is a
        // prefix of the index's columns; ORDER BY date_created, sid alone sorts every match.
        String key = task ? "task_sid" : "worker_sid";
        lists[i] = c.prepareStatement("SELECT " + COLUMNS + " FROM reservation WHERE "
            + key + " = ? AND workspace_sid = ?"
            + (status ? " AND status = ?" : "")
            + (after ? " AND (date_created, sid) > (?, ?)" : "")
            + " ORDER BY " + key + (status ? ", status" : "") + ", date_created, sid LIMIT ?");
      }
    }
  }

  private Session open() {
    try {
      Session s = new Session(DriverManager.getConnection(url));
      opened.add(s);
      return s;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static UUID uuid(long high, long low) {
    return new UUID(high, low);
  }

  @Override
  public Reservation reserve(TaskSid task, WorkerSid worker, String workerName,
      Duration timeout) {
    Session s = sessions.get();
    long now = Times.nanos(clock.instant());
    ReservationSid sid;
    synchronized (sids) {
      sid = sids.reservation();
    }
    try {
      PreparedStatement p = s.insert;
      p.setObject(1, uuid(account.high(), account.low()));
      p.setObject(2, uuid(workspace.high(), workspace.low()));
      p.setObject(3, uuid(sid.high(), sid.low()));
      p.setObject(4, uuid(task.high(), task.low()));
      p.setObject(5, uuid(worker.high(), worker.low()));
      p.setString(6, workerName);
      p.setInt(7, PENDING);
      p.setLong(8, now);
      p.setLong(9, now);
      p.setLong(10, 0);
      p.setLong(11, Math.addExact(now, timeout.toNanos()));
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new Reservation(sid, account, workspace, task, worker, workerName,
        ReservationStatus.PENDING, Times.instant(now), Times.instant(now), 0);
  }

  @Override
  public void bulkInsert(Iterator<Reservation> rows, Duration timeout) {
    Session s = sessions.get();
    try {
      // Into an empty table, the usual way to bulk-load a database: insert without the secondary
      // indexes, then build each one from the loaded rows, instead of updating five B-trees per
      // row. The indexes end the same as if they had been there all along.
      boolean empty = size() == 0;
      if (empty) {
        try (Statement ddl = s.c.createStatement()) {
          for (Index index : INDEXES) {
            ddl.execute(index.drop());
          }
        }
      }
      s.c.setAutoCommit(false);
      PreparedStatement p = s.insert;
      int batch = 0;
      while (rows.hasNext()) {
        Reservation r = rows.next();
        ReservationSid sid;
        synchronized (sids) {
          sid = sids.reservation();
        }
        long created = Times.nanos(r.dateCreated());
        p.setObject(1, uuid(account.high(), account.low()));
        p.setObject(2, uuid(workspace.high(), workspace.low()));
        p.setObject(3, uuid(sid.high(), sid.low()));
        p.setObject(4, uuid(r.taskSid().high(), r.taskSid().low()));
        p.setObject(5, uuid(r.workerSid().high(), r.workerSid().low()));
        p.setString(6, r.workerName());
        p.setInt(7, r.status().ordinal());
        p.setLong(8, created);
        p.setLong(9, Times.nanos(r.dateUpdated()));
        p.setLong(10, r.version());
        if (r.status() == ReservationStatus.PENDING) {
          p.setLong(11, Math.addExact(created, timeout.toNanos()));
        } else {
          p.setNull(11, Types.BIGINT);
        }
        p.addBatch();
        if (++batch == 1000 || !rows.hasNext()) {
          p.executeBatch();
          s.c.commit();
          batch = 0;
        }
      }
      s.c.setAutoCommit(true);
      if (empty) {
        try (Statement ddl = s.c.createStatement()) {
          for (Index index : INDEXES) {
            ddl.execute(index.create());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Reservation accept(ReservationSid sid) {
    Session s = sessions.get();
    long now = Times.nanos(clock.instant());
    return inTransaction(s, () -> {
      Reservation accepted = apply(s, find(s, sid), ReservationStatus.ACCEPTED, now);
      s.pendingOfTask.setObject(1, uuid(accepted.taskSid().high(), accepted.taskSid().low()));
      for (Reservation other : read(s.pendingOfTask)) {
        apply(s, other, ReservationStatus.RESCINDED, now);
      }
      return accepted;
    });
  }

  /** Work on one session's connection that may throw SQL's checked exception. */
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  private static <T> T inTransaction(Session s, SqlWork<T> work) {
    try {
      s.c.setAutoCommit(false);
      try {
        T result = work.run();
        s.c.commit();
        return result;
      } catch (RuntimeException | SQLException e) {
        s.c.rollback();
        throw e;
      } finally {
        s.c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Reservation move(ReservationSid sid, ReservationStatus target) {
    Session s = sessions.get();
    try {
      return apply(s, find(s, sid), target, Times.nanos(clock.instant()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reservation find(Session s, ReservationSid sid) throws SQLException {
    s.byId.setObject(1, uuid(sid.high(), sid.low()));
    List<Reservation> found = read(s.byId);
    if (found.isEmpty()) {
      throw new ReservationNotFoundException(sid);
    }
    return found.get(0);
  }

  private Reservation apply(Session s, Reservation r, ReservationStatus target, long at)
      throws SQLException {
    if (!r.status().canMoveTo(target)) {
      throw new IllegalTransitionException(r.sid(), r.status(), target);
    }
    s.update.setInt(1, target.ordinal());
    s.update.setLong(2, at);
    s.update.setLong(3, r.version() + 1);
    s.update.setObject(4, uuid(r.sid().high(), r.sid().low()));
    s.update.executeUpdate();
    return new Reservation(r.sid(), account, workspace, r.taskSid(), r.workerSid(),
        r.workerName(), target, r.dateCreated(), Times.instant(at), r.version() + 1);
  }

  @Override
  public List<Reservation> expireDue() {
    Session s = sessions.get();
    long now = Times.nanos(clock.instant());
    return inTransaction(s, () -> {
      s.due.setLong(1, now);
      List<Reservation> due = new ArrayList<>();
      List<Long> deadlines = new ArrayList<>();
      try (ResultSet rs = s.due.executeQuery()) {
        while (rs.next()) {
          due.add(row(rs));
          deadlines.add(rs.getLong(9));
        }
      }
      List<Reservation> expired = new ArrayList<>(due.size());
      for (int i = 0; i < due.size(); i++) {
        expired.add(apply(s, due.get(i), ReservationStatus.TIMEOUT, deadlines.get(i)));
      }
      return List.copyOf(expired);
    });
  }

  @Override
  public Page<Reservation> list(ReservationQuery query) {
    if (query.isTaskList() && query.workerSid().isPresent()) {
      throw new UnsupportedOperationException("worker filter on a task list");
    }
    Keyset.Key after = Keyset.after(query);
    int shape = (query.isTaskList() ? 0 : 1) | (query.status().isPresent() ? 2 : 0)
        | (after != null ? 4 : 0);
    Session s = sessions.get();
    PreparedStatement p = s.lists[shape];
    try {
      int i = 1;
      if (query.isTaskList()) {
        TaskSid task = query.taskSid().get();
        p.setObject(i++, uuid(task.high(), task.low()));
      } else {
        WorkerSid worker = query.workerSid().get();
        p.setObject(i++, uuid(worker.high(), worker.low()));
      }
      p.setObject(i++, uuid(query.workspaceSid().high(), query.workspaceSid().low()));
      if (query.status().isPresent()) {
        p.setInt(i++, query.status().get().ordinal());
      }
      if (after != null) {
        p.setLong(i++, after.createdNanos());
        p.setObject(i++, uuid(after.sid().high(), after.sid().low()));
      }
      p.setInt(i, query.pageSize() + 1);
      return Keyset.page(query, read(p));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Reservation> read(PreparedStatement p) throws SQLException {
    List<Reservation> rows = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        rows.add(row(rs));
      }
    }
    return rows;
  }

  private Reservation row(ResultSet rs) throws SQLException {
    UUID sid = rs.getObject(1, UUID.class);
    UUID task = rs.getObject(2, UUID.class);
    UUID worker = rs.getObject(3, UUID.class);
    return new Reservation(
        new ReservationSid(sid.getMostSignificantBits(), sid.getLeastSignificantBits()),
        account, workspace,
        new TaskSid(task.getMostSignificantBits(), task.getLeastSignificantBits()),
        new WorkerSid(worker.getMostSignificantBits(), worker.getLeastSignificantBits()),
        rs.getString(4), STATUSES[rs.getInt(5)], Times.instant(rs.getLong(6)),
        Times.instant(rs.getLong(7)), rs.getLong(8));
  }

  @Override
  public int size() {
    try (Statement s = keeper.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reservation")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      for (Session s : opened) {
        s.c.close();
      }
      keeper.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
