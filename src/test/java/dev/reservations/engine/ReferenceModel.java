package dev.reservations.engine;

import dev.reservations.core.AccountSid;
import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationConflictException;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationNotFoundException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.VersionMismatchException;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately naive engine: a list of mutable rows, scanned and sorted on every call. It cannot
 * make sids, so {@link #reserve} takes the sid the real engine chose. A deleted task's rows leave
 * the list and the task is forgotten; with a retention, a finished task (its accepted reservation
 * completed, or the task canceled) is deleted by the first call at or past its finish plus the
 * retention, in finish order.
 */
final class ReferenceModel {
  static final Comparator<Row> LIST_ORDER =
      Comparator.comparing((Row r) -> r.created).thenComparing(r -> r.sid);

  static final class Row {
    final ReservationSid sid;
    final WorkspaceSid workspace;
    final TaskSid task;
    final WorkerSid worker;
    final String name;
    final Instant created;
    final Instant deadline;
    ReservationStatus status = ReservationStatus.PENDING;
    Instant updated;
    long version;

    Row(
        ReservationSid sid,
        WorkspaceSid workspace,
        TaskSid task,
        WorkerSid worker,
        String name,
        Instant created,
        Instant deadline) {
      this.sid = sid;
      this.workspace = workspace;
      this.task = task;
      this.worker = worker;
      this.name = name;
      this.created = created;
      this.updated = created;
      this.deadline = deadline;
    }
  }

  private final AccountSid account;
  private final Duration defaultTimeout;
  final List<Row> rows = new ArrayList<>();
  private final Map<TaskSid, WorkspaceSid> taskWorkspace = new HashMap<>();
  private final Map<WorkerSid, WorkspaceSid> workerWorkspace = new HashMap<>();
  private final Set<TaskSid> canceled = new HashSet<>();
  private final Set<TaskSid> assigned = new HashSet<>();

  /** When each finished task finished, in the order they finished. */
  private final Map<TaskSid, Instant> finished = new LinkedHashMap<>();

  private final @Nullable Duration retention;
  final List<ReservationEvent> events = new ArrayList<>();
  private Instant now = Instant.MIN;

  ReferenceModel(AccountSid account, Duration defaultTimeout) {
    this(account, defaultTimeout, null);
  }

  /** A model whose finished tasks are deleted {@code retention} after they finish, if not null. */
  ReferenceModel(AccountSid account, Duration defaultTimeout, @Nullable Duration retention) {
    this.account = account;
    this.defaultTimeout = defaultTimeout;
    this.retention = retention;
  }

  /** Reads the clock as the engine does: never backwards. */
  void observe(Instant clock) {
    if (clock.isAfter(now)) {
      now = clock;
    }
  }

  List<Reservation> expire() {
    List<Row> due =
        rows.stream()
            .filter(r -> r.status == ReservationStatus.PENDING && !r.deadline.isAfter(now))
            .sorted(Comparator.comparing((Row r) -> r.deadline).thenComparing(LIST_ORDER))
            .collect(Collectors.toList());
    List<Reservation> out = new ArrayList<>();
    for (Row r : due) {
      out.add(move(r, ReservationStatus.TIMEOUT, r.deadline));
    }
    return out;
  }

  /** What reserve must throw, or null if it succeeds. */
  RuntimeException reserveRefusal(WorkspaceSid ws, TaskSid task, WorkerSid worker) {
    WorkspaceSid taskWs = taskWorkspace.get(task);
    if (taskWs != null && !taskWs.equals(ws)) {
      return new IllegalArgumentException("task in another workspace");
    }
    WorkspaceSid workerWs = workerWorkspace.get(worker);
    if (workerWs != null && !workerWs.equals(ws)) {
      return new IllegalArgumentException("worker in another workspace");
    }
    if (canceled.contains(task)) {
      return new ReservationConflictException(
          task, worker, "task is canceled and takes no new reservation");
    }
    if (assigned.contains(task)) {
      return new ReservationConflictException(
          task, worker, "task is assigned and takes no new reservation");
    }
    boolean holds =
        rows.stream()
            .anyMatch(
                r ->
                    r.task.equals(task)
                        && r.worker.equals(worker)
                        && r.status == ReservationStatus.PENDING);
    if (holds) {
      return new ReservationConflictException(
          task, worker, "worker already holds a pending reservation of this task");
    }
    return null;
  }

  Reservation reserve(
      ReservationSid sid,
      WorkspaceSid ws,
      TaskSid task,
      WorkerSid worker,
      String name,
      Duration timeout) {
    Duration t = timeout == null ? defaultTimeout : timeout;
    Row row = new Row(sid, ws, task, worker, name, now, now.plus(t));
    rows.add(row);
    taskWorkspace.putIfAbsent(task, ws);
    workerWorkspace.putIfAbsent(worker, ws);
    Reservation r = view(row);
    events.add(new ReservationEvent(ReservationEvent.Type.CREATED, r, null, r.dateUpdated()));
    return r;
  }

  Optional<Row> row(ReservationSid sid) {
    return rows.stream().filter(r -> r.sid.equals(sid)).findFirst();
  }

  /** A transition as the engine's move does; the exception it must throw, or the result. */
  Object transition(
      ReservationSid sid, ReservationStatus target, boolean clientUpdate, long expectedVersion) {
    Optional<Row> found = row(sid);
    if (found.isEmpty()) {
      return new ReservationNotFoundException(sid);
    }
    Row row = found.get();
    if (expectedVersion >= 0 && row.version != expectedVersion) {
      return new VersionMismatchException(sid, expectedVersion, row.version);
    }
    if ((clientUpdate && !target.isClientSettable()) || !row.status.canMoveTo(target)) {
      return new IllegalTransitionException(sid, row.status, target);
    }
    Reservation result = move(row, target, now);
    if (target == ReservationStatus.COMPLETED) {
      finished.putIfAbsent(row.task, now);
    }
    if (target == ReservationStatus.ACCEPTED) {
      assigned.add(row.task);
      rows.stream()
          .filter(r -> r.task.equals(row.task) && r.status == ReservationStatus.PENDING)
          .sorted(LIST_ORDER)
          .collect(Collectors.toList())
          .forEach(r -> move(r, ReservationStatus.RESCINDED, now));
    }
    return result;
  }

  Object cancel(TaskSid task) {
    if (assigned.contains(task)) {
      return new ReservationConflictException(
          task, null, "task is assigned and cannot be canceled");
    }
    canceled.add(task);
    finished.putIfAbsent(task, now);
    List<Row> pending =
        rows.stream()
            .filter(r -> r.task.equals(task) && r.status == ReservationStatus.PENDING)
            .sorted(LIST_ORDER)
            .collect(Collectors.toList());
    List<Reservation> out = new ArrayList<>();
    for (Row r : pending) {
      out.add(move(r, ReservationStatus.CANCELED, now));
    }
    return out;
  }

  /**
   * Deletes the finished tasks whose retention ran out by now, in the order they finished, each
   * dated at the instant it fell due; returns what they deleted.
   */
  List<Reservation> deleteDue() {
    List<Reservation> out = new ArrayList<>();
    if (retention == null) {
      return out;
    }
    List<TaskSid> due =
        finished.entrySet().stream()
            .filter(e -> !e.getValue().plus(retention).isAfter(now))
            .sorted(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .collect(Collectors.toList());
    for (TaskSid task : due) {
      out.addAll(remove(task, finished.get(task).plus(retention)));
    }
    return out;
  }

  /** {@code deleteTask}: the exception it must throw, or the deleted reservations. */
  Object delete(TaskSid task) {
    boolean busy =
        rows.stream()
            .anyMatch(
                r ->
                    r.task.equals(task)
                        && (r.status == ReservationStatus.ACCEPTED
                            || r.status == ReservationStatus.WRAPPING));
    if (busy) {
      return new ReservationConflictException(task, null, DELETE_ASSIGNED_REASON);
    }
    rows.stream()
        .filter(r -> r.task.equals(task) && r.status == ReservationStatus.PENDING)
        .sorted(LIST_ORDER)
        .collect(Collectors.toList())
        .forEach(r -> move(r, ReservationStatus.CANCELED, now));
    return remove(task, now);
  }

  /** The reason of the conflict that refuses to delete an assigned task not yet completed. */
  static final String DELETE_ASSIGNED_REASON =
      "task has an accepted or wrapping reservation and cannot be deleted until it completes";

  /** Removes a task's rows in list order, each with a deleted event at {@code at}; forgets it. */
  private List<Reservation> remove(TaskSid task, Instant at) {
    List<Row> gone =
        rows.stream()
            .filter(r -> r.task.equals(task))
            .sorted(LIST_ORDER)
            .collect(Collectors.toList());
    List<Reservation> out = new ArrayList<>();
    for (Row r : gone) {
      Reservation view = view(r);
      events.add(new ReservationEvent(ReservationEvent.Type.DELETED, view, r.status, at));
      out.add(view);
    }
    rows.removeAll(gone);
    taskWorkspace.remove(task);
    canceled.remove(task);
    assigned.remove(task);
    finished.remove(task);
    return out;
  }

  /** Every match of the query's list, in list order, ignoring paging. */
  List<Reservation> matches(ReservationQuery query) {
    return rows.stream()
        .filter(r -> r.workspace.equals(query.workspaceSid()))
        .filter(
            r ->
                query.isTaskList()
                    ? r.task.equals(query.taskSid().orElseThrow())
                        && query.workerSid().map(r.worker::equals).orElse(true)
                    : r.worker.equals(query.workerSid().orElseThrow()))
        .filter(r -> query.status().map(s -> s == r.status).orElse(true))
        .sorted(LIST_ORDER)
        .map(this::view)
        .collect(Collectors.toList());
  }

  int count(ReservationStatus status) {
    return (int) rows.stream().filter(r -> r.status == status).count();
  }

  private Reservation move(Row row, ReservationStatus target, Instant at) {
    ReservationStatus from = row.status;
    row.status = target;
    row.updated = at;
    row.version++;
    Reservation r = view(row);
    events.add(new ReservationEvent(ReservationEvent.Type.entering(target), r, from, at));
    return r;
  }

  Reservation view(Row row) {
    return new Reservation(
        row.sid,
        account,
        row.workspace,
        row.task,
        row.worker,
        row.name,
        row.status,
        row.created,
        row.updated,
        row.version);
  }
}
