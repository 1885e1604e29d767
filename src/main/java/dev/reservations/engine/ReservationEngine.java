package dev.reservations.engine;

import dev.reservations.core.AccountSid;
import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationConflictException;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationListener;
import dev.reservations.core.ReservationNotFoundException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.VersionMismatchException;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import dev.reservations.text.Echo;
import dev.reservations.text.Utf16;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory store of TaskRouter reservations: it creates them, moves them through the state
 * machine of {@link ReservationStatus}, times them out, and answers TaskRouter's paged list
 * queries.
 *
 * <pre>{@code
 * ReservationEngine engine = ReservationEngine.builder().seed(42).build();
 * Reservation r = engine.reserve(workspace, task, worker, "Alice");
 * engine.accept(r.sid());
 * Page<Reservation> page = engine.list(ReservationQuery.forWorker(workspace, worker));
 * }</pre>
 *
 * <p><b>Thread safety.</b> Every method is atomic and linearizable: one reentrant lock guards the
 * whole engine, so each call sees and leaves a consistent state. Listeners run on the calling
 * thread while that lock is held, which keeps events in commit order; a listener may call back into
 * the engine.
 *
 * <p><b>Time.</b> Time comes only from the builder's {@link InstantSource}; the engine starts no
 * thread and never sleeps. If the clock goes back, the engine keeps using the latest instant it has
 * seen, so no timestamp ever decreases. A pending reservation times out at its date created plus
 * its timeout. Every operation, reads included, first applies the timeouts that are due, each dated
 * at its deadline; a call that then fails keeps them. So outcomes never depend on when {@link
 * #expireDue()} is called. Instants must lie between the years 1678 and 2261, the range of a long
 * of epoch nanoseconds.
 *
 * <p><b>Task rules.</b> A task belongs to the workspace of its first reservation, and a worker to
 * the workspace of its first reservation: reserving either under another workspace is an {@code
 * IllegalArgumentException}. At most one reservation of a task is ever accepted; accepting one
 * rescinds the task's other pending reservations. An assigned or canceled task takes no new
 * reservation, and a worker holds at most one pending reservation per task.
 *
 * <p><b>Deletion.</b> {@link #deleteTask} deletes a task with its reservations, as TaskRouter's
 * DELETE Task does; with {@link Builder#deleteFinishedTasksAfter} the engine deletes every task a
 * retention period after it finishes (its accepted reservation completes, or it is canceled),
 * lazily, like timeouts. Deleted reservations vanish from {@code find}, lists, counts and scans;
 * their sids are never handed out again, and their memory is reused: the table frees a page of
 * 16,384 rows once none of them lives, and a deleted task's key and index entry serve the next new
 * task. By default nothing is deleted.
 *
 * <p><b>Errors.</b> Null arguments are {@code NullPointerException}s naming the parameter; bad
 * values are {@code IllegalArgumentException}s; domain refusals are the unchecked {@code
 * ReservationException}s. A failed call changes nothing but the timeouts it applied first. When
 * several checks fail, an unknown sid wins over a stale version, which wins over an illegal move.
 *
 * <p><b>Cost.</b> Lookups by sid are O(1) (the sid is computed from the reservation's sequence
 * number, which maps to its row through a small page table; nothing is hashed). {@code reserve}
 * checks for a worker's pending reservation of the task in O(1) expected, whatever the task's
 * width. A transition is O(1) plus its index moves: in the status lists of a key of k reservations,
 * cut into blocks of at most 512, O(log k) comparisons and a shift within one or two blocks (and,
 * at most once per 128 changes of a block, a shift of its list's k / 128 or fewer block
 * references). A reserve adds its row to its task's and its worker's lists as an append, amortised
 * O(1): the engine's time never goes back (see above) and sids count up in creation order, so a new
 * reservation, even one created at the same instant as many others, goes after the last row of
 * every list it joins. A list page is O(log n + page size) whatever the status filter. {@code
 * expireDue()} is O(expired · log n) however the expired spread over workers and tasks, and O(1)
 * when nothing is due.
 */
public final class ReservationEngine {
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();

  private final InstantSource clock;
  private final long defaultTimeout;
  private final AccountSid accountSid;
  private final EventQueue events;
  final CallGuard guard;

  final ReservationTable table;
  final KeyTable<WorkspaceSid> workspaces = KeyTable.workspaces(WorkspaceSid::new);
  final KeyTable<TaskSid> tasks;
  final KeyTable<WorkerSid> workers;
  final DeadlineQueue deadlines;
  final PendingPairs pendingPairs = new PendingPairs();
  private final @Nullable DeletionQueue deletions;
  final Transitions transitions;
  private final RowReader reader;
  private final Pager pager;

  /** The latest clock reading, in epoch nanoseconds; never goes back. */
  long lastNanos = Long.MIN_VALUE;

  private ReservationEngine(Builder builder) {
    long seed = builder.seed != null ? builder.seed : ThreadLocalRandom.current().nextLong();
    SidCipher.SplitMix accountBits = new SidCipher.SplitMix(seed ^ 0x0acc_0b7e_5eed_1234L);
    this.accountSid =
        builder.accountSid != null
            ? builder.accountSid
            : new AccountSid(accountBits.next(), accountBits.next());
    this.clock = builder.clock != null ? builder.clock : InstantSource.system();
    this.defaultTimeout = builder.timeout;
    this.events = new EventQueue(builder.listeners);
    this.guard = new CallGuard(events);
    this.table = new ReservationTable(new SidCipher(seed));
    this.tasks = KeyTable.tasks(TaskSid::new, table);
    this.workers = KeyTable.workers(WorkerSid::new, table);
    this.deadlines = new DeadlineQueue(table, defaultTimeout);
    this.deletions = builder.retention > 0 ? new DeletionQueue(builder.retention) : null;
    this.reader = new RowReader(table, accountSid, workspaces, tasks, workers);
    this.pager = new Pager(table, workspaces, tasks, workers, new PageCursor(seed), reader);
    this.transitions =
        new Transitions(table, tasks, workers, pendingPairs, deadlines, reader, events);
  }

  /** {@return an engine with a random seed, the system clock and TaskRouter's 120 s timeout} */
  public static ReservationEngine create() {
    return builder().build();
  }

  /** {@return a builder with the defaults of {@link #create()}} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the account that owns every reservation of this engine} */
  public AccountSid accountSid() {
    return accountSid;
  }

  /**
   * Creates a pending reservation of {@code taskSid} for {@code workerSid}, timing out after the
   * engine's reservation timeout. Raises {@code reservation.created}.
   *
   * @param workspaceSid the task's and the worker's workspace
   * @param taskSid the task
   * @param workerSid the worker
   * @param workerName the worker's friendly name; may be empty
   * @return the new reservation, pending, at version 0
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the task or the worker belongs to another workspace, or
   *     {@code workerName} is longer than {@link Reservation#MAX_WORKER_NAME_LENGTH} or holds an
   *     unpaired UTF-16 surrogate (which no UTF-8 writer can encode)
   * @throws ReservationConflictException if the task is assigned or canceled, or the worker already
   *     holds a pending reservation of it
   * @throws IllegalStateException if the engine already holds 2<sup>31</sup>−1 reservations,
   *     536,854,528 tasks or as many workers, or 2<sup>27</sup> (worker, worker name) pairs
   */
  public Reservation reserve(
      WorkspaceSid workspaceSid, TaskSid taskSid, WorkerSid workerSid, String workerName) {
    return reserve(workspaceSid, taskSid, workerSid, workerName, defaultTimeout);
  }

  /**
   * As {@link #reserve(WorkspaceSid, TaskSid, WorkerSid, String)}, with this reservation's own
   * timeout.
   *
   * @param workspaceSid the task's and the worker's workspace
   * @param taskSid the task
   * @param workerSid the worker
   * @param workerName the worker's friendly name; may be empty
   * @param timeout how long it stays pending; one longer than about 292 years is taken as forever
   * @return the new reservation, pending, at version 0
   * @throws IllegalArgumentException also if {@code timeout} is zero or negative
   */
  public Reservation reserve(
      WorkspaceSid workspaceSid,
      TaskSid taskSid,
      WorkerSid workerSid,
      String workerName,
      Duration timeout) {
    return reserve(workspaceSid, taskSid, workerSid, workerName, Builder.nanos(timeout));
  }

  private Reservation reserve(
      WorkspaceSid workspaceSid,
      TaskSid taskSid,
      WorkerSid workerSid,
      String workerName,
      long timeout) {
    Objects.requireNonNull(workspaceSid, "workspaceSid");
    Objects.requireNonNull(taskSid, "taskSid");
    Objects.requireNonNull(workerSid, "workerSid");
    checkWorkerName(workerName);
    guard.lock.lock();
    try {
      long now = enter();
      int workspace = workspaces.find(workspaceSid.high(), workspaceSid.low());
      int task = tasks.find(taskSid.high(), taskSid.low());
      int worker = workers.find(workerSid.high(), workerSid.low());
      checkTaskRules(workspaceSid, taskSid, workerSid, workspace, task, worker);
      // grow every structure before changing any: a failure to allocate changes nothing
      if (workspace < 0) {
        workspaces.ensureRoom();
      }
      tasks.ensureRoomToAdd(task);
      workers.ensureRoomToAdd(worker);
      table.ensureRoom(worker >= 0 ? worker : workers.size(), workerName);
      deadlines.ensureRoom(timeout);
      pendingPairs.ensureRoom();
      guard.checkNotScanning();
      int row = table.nextRow();
      Reservation created = reader.pending(row, workspaceSid, taskSid, workerSid, workerName, now);
      events.announce(ReservationEvent.Type.CREATED, created, null);

      guard.beginChange();
      if (workspace < 0) {
        workspace = workspaces.add(workspaceSid, KeyTable.NO_WORKSPACE, (byte) 0);
      }
      if (task < 0) {
        task = tasks.add(taskSid, workspace, (byte) 0);
      }
      if (worker < 0) {
        worker = workers.add(workerSid, workspace, (byte) 0);
      }
      transitions.add(task, worker, workerName, now, timeout);
      guard.endChange();
      return created;
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  private static void checkWorkerName(String workerName) {
    Objects.requireNonNull(workerName, "workerName");
    if (workerName.length() > Reservation.MAX_WORKER_NAME_LENGTH) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "worker name must be at most %d chars, so that TaskRouter's JSON can carry it back:"
                  + " %d chars",
              Reservation.MAX_WORKER_NAME_LENGTH,
              workerName.length()));
    }
    if (Utf16.hasUnpairedSurrogate(workerName)) {
      throw new IllegalArgumentException(
          "worker name must be well-formed UTF-16 text, without an unpaired surrogate: "
              + Echo.of(workerName));
    }
  }

  /** The task rules a new reservation must pass; ids are -1 for keys not seen yet. */
  private void checkTaskRules(
      WorkspaceSid workspaceSid,
      TaskSid taskSid,
      WorkerSid workerSid,
      int workspace,
      int task,
      int worker) {
    if (task >= 0) {
      int owner = tasks.workspace(task);
      if (owner != KeyTable.NO_WORKSPACE && owner != workspace) {
        throw otherWorkspace("task", taskSid.toString(), owner, workspaceSid);
      }
    }
    if (worker >= 0 && workers.workspace(worker) != workspace) {
      throw otherWorkspace("worker", workerSid.toString(), workers.workspace(worker), workspaceSid);
    }
    if (task >= 0 && tasks.has(task, KeyTable.CANCELED)) {
      throw new ReservationConflictException(
          taskSid, workerSid, "task is canceled and takes no new reservation");
    }
    if (task >= 0 && tasks.has(task, KeyTable.ASSIGNED)) {
      throw new ReservationConflictException(
          taskSid, workerSid, "task is assigned and takes no new reservation");
    }
    if (task >= 0 && worker >= 0 && pendingPairs.contains(task, worker)) {
      throw new ReservationConflictException(
          taskSid, workerSid, "worker already holds a pending reservation of this task");
    }
  }

  private IllegalArgumentException otherWorkspace(
      String kind, String sid, int owner, WorkspaceSid asked) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "a %s belongs to the workspace of its first reservation: %s is in %s, not %s",
            kind,
            sid,
            workspaces.sid(owner),
            asked));
  }

  /**
   * Accepts a pending reservation and rescinds the task's other pending ones. Raises {@code
   * reservation.accepted}, then one {@code reservation.rescinded} for each rescinded one, in list
   * order.
   *
   * @param sid the reservation
   * @return the reservation as it is now, with the new status and one more version
   * @throws NullPointerException if {@code sid} is null
   * @throws ReservationNotFoundException if no reservation has {@code sid}
   * @throws IllegalTransitionException unless the reservation is pending
   */
  public Reservation accept(ReservationSid sid) {
    return move(sid, ReservationStatus.ACCEPTED, false, -1);
  }

  /**
   * Rejects a pending reservation. Raises {@code reservation.rejected}.
   *
   * @param sid the reservation
   * @return the reservation as it is now, with the new status and one more version
   * @throws NullPointerException if {@code sid} is null
   * @throws ReservationNotFoundException if no reservation has {@code sid}
   * @throws IllegalTransitionException unless the reservation is pending
   */
  public Reservation reject(ReservationSid sid) {
    return move(sid, ReservationStatus.REJECTED, false, -1);
  }

  /**
   * Moves an accepted reservation to wrapping. Raises {@code reservation.wrapup}.
   *
   * @param sid the reservation
   * @return the reservation as it is now, with the new status and one more version
   * @throws NullPointerException if {@code sid} is null
   * @throws ReservationNotFoundException if no reservation has {@code sid}
   * @throws IllegalTransitionException unless the reservation is accepted
   */
  public Reservation wrap(ReservationSid sid) {
    return move(sid, ReservationStatus.WRAPPING, false, -1);
  }

  /**
   * Completes an accepted or wrapping reservation. Raises {@code reservation.completed}.
   *
   * @param sid the reservation
   * @return the reservation as it is now, with the new status and one more version
   * @throws NullPointerException if {@code sid} is null
   * @throws ReservationNotFoundException if no reservation has {@code sid}
   * @throws IllegalTransitionException unless the reservation is accepted or wrapping
   */
  public Reservation complete(ReservationSid sid) {
    return move(sid, ReservationStatus.COMPLETED, false, -1);
  }

  /**
   * Times out a pending reservation now, before its deadline. Raises {@code reservation.timeout}.
   * At or after the deadline the reservation has already timed out, so this is an illegal {@code
   * timeout → timeout}.
   *
   * @param sid the reservation
   * @return the reservation as it is now, with the new status and one more version
   * @throws NullPointerException if {@code sid} is null
   * @throws ReservationNotFoundException if no reservation has {@code sid}
   * @throws IllegalTransitionException unless the reservation is pending
   */
  public Reservation timeout(ReservationSid sid) {
    return move(sid, ReservationStatus.TIMEOUT, false, -1);
  }

  /**
   * Moves a reservation to {@code target} as TaskRouter's update endpoint does: only accepted,
   * rejected, wrapping and completed may be asked for.
   *
   * @param sid the reservation
   * @param target the status asked for
   * @return the reservation as it is now, with the new status and one more version
   * @throws NullPointerException if an argument is null
   * @throws ReservationNotFoundException if no reservation has {@code sid}
   * @throws IllegalTransitionException if {@code target} is not client-settable or the state
   *     machine forbids the move
   */
  public Reservation update(ReservationSid sid, ReservationStatus target) {
    Objects.requireNonNull(target, "target");
    return move(sid, target, true, -1);
  }

  /**
   * As {@link #update(ReservationSid, ReservationStatus)}, only if the reservation is still at
   * {@code expectedVersion} (TaskRouter's {@code If-Match}).
   *
   * @param sid the reservation
   * @param target the status asked for
   * @param expectedVersion the version the caller last saw
   * @return the reservation as it is now, with the new status and one more version
   * @throws IllegalArgumentException if {@code expectedVersion} is negative
   * @throws VersionMismatchException if the reservation is at another version; nothing changes
   */
  public Reservation update(ReservationSid sid, ReservationStatus target, long expectedVersion) {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(target, "target");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expected version must be 0 or more: " + expectedVersion);
    }
    return move(sid, target, true, expectedVersion);
  }

  private Reservation move(
      ReservationSid sid, ReservationStatus target, boolean clientUpdate, long expectedVersion) {
    Objects.requireNonNull(sid, "sid");
    guard.lock.lock();
    try {
      long now = enter();
      int row = rowOf(sid);
      ReservationStatus from = STATUSES[table.status(row)];
      if (expectedVersion >= 0 && table.version(row) != expectedVersion) {
        throw new VersionMismatchException(sid, expectedVersion, table.version(row));
      }
      if ((clientUpdate && !target.isClientSettable()) || !from.canMoveTo(target)) {
        throw new IllegalTransitionException(sid, from, target);
      }
      transitions.ensureRoomToMove(row, target.ordinal());
      if (target == ReservationStatus.COMPLETED && deletions != null) {
        deletions.ensureRoom();
      }
      guard.beginChange();
      Reservation moved =
          Objects.requireNonNull(transitions.move(row, target.ordinal(), now, true));
      if (target == ReservationStatus.ACCEPTED) {
        tasks.flag(table.task(row), KeyTable.ASSIGNED);
        transitions.rescindPending(table.task(row), now);
      } else if (target == ReservationStatus.COMPLETED) {
        finished(table.task(row), now);
      }
      guard.endChange();
      return moved;
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /**
   * Cancels a task: its pending reservations become canceled, and it takes no new reservation.
   * Works on a task the engine has never seen, and on one with no pending reservation. Raises
   * {@code reservation.canceled} for each, in list order.
   *
   * @param taskSid the task
   * @return the canceled reservations in list order, unmodifiable; empty on a second cancel
   * @throws NullPointerException if {@code taskSid} is null
   * @throws ReservationConflictException if the task is assigned; nothing changes
   * @throws IllegalStateException if the task is new and the engine already holds 536,854,528 tasks
   */
  public List<Reservation> cancelTask(TaskSid taskSid) {
    Objects.requireNonNull(taskSid, "taskSid");
    guard.lock.lock();
    try {
      long now = enter();
      int task = tasks.find(taskSid.high(), taskSid.low());
      if (task >= 0 && tasks.has(task, KeyTable.ASSIGNED)) {
        throw new ReservationConflictException(
            taskSid, null, "task is assigned and cannot be canceled");
      }
      boolean first = task < 0 || !tasks.has(task, KeyTable.CANCELED);
      if (task < 0) {
        tasks.ensureRoom();
      }
      if (first && deletions != null) {
        deletions.ensureRoom();
      }
      guard.beginChange();
      List<Reservation> canceled;
      if (task < 0) {
        task = tasks.add(taskSid, KeyTable.NO_WORKSPACE, KeyTable.CANCELED);
        canceled = List.of();
      } else {
        tasks.flag(task, KeyTable.CANCELED);
        canceled = transitions.cancelPending(task, now);
      }
      if (first) {
        finished(task, now);
      }
      guard.endChange();
      return canceled;
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /**
   * Deletes a task and its reservations, as TaskRouter's DELETE Task does. Its pending reservations
   * are canceled first ({@code reservation.canceled} for each, as {@link #cancelTask} raises); then
   * every reservation of the task is deleted, raising {@code task.deleted} for each, in list order.
   * A task with an accepted or wrapping reservation is refused: its work is still running, so
   * complete that reservation first. Afterwards the task's reservations are gone from {@code find},
   * {@code get}, lists, counts and scans, and their sids are never handed out again; the task
   * itself is forgotten, so that a later {@code reserve} for its sid starts a new task, neither
   * canceled nor assigned. Page tokens taken before stay valid: a walk goes on with the
   * reservations that remain. Deleting a task the engine does not know (or no longer knows) changes
   * nothing.
   *
   * <p>O(k · log w) for a task of k reservations whose workers hold w each; the memory is reused
   * (see the class's notes on deletion).
   *
   * @param taskSid the task
   * @return the deleted reservations in list order, each as it was when deleted (the pending ones
   *     canceled), unmodifiable; empty for an unknown task
   * @throws NullPointerException if {@code taskSid} is null
   * @throws ReservationConflictException if the task has an accepted or wrapping reservation;
   *     nothing changes
   */
  public List<Reservation> deleteTask(TaskSid taskSid) {
    Objects.requireNonNull(taskSid, "taskSid");
    guard.lock.lock();
    try {
      long now = enter();
      int task = tasks.find(taskSid.high(), taskSid.low());
      if (task < 0) {
        return List.of();
      }
      if (transitions.hasWorkInProgress(task)) {
        throw new ReservationConflictException(
            taskSid,
            null,
            "task has an accepted or wrapping reservation and cannot be deleted until it"
                + " completes");
      }
      guard.beginChange();
      transitions.cancelPending(task, now);
      List<Reservation> deleted = transitions.delete(task, now, true);
      tasks.remove(task);
      guard.endChange();
      return deleted;
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /**
   * Applies every timeout that is due now and returns the reservations it timed out, in deadline
   * order with ties in list order. Timeouts that an earlier call already applied are not returned.
   * Also deletes the finished tasks that fell due ({@link Builder#deleteFinishedTasksAfter}). O(1)
   * when nothing is due.
   *
   * @return the reservations timed out by this call, unmodifiable
   */
  public List<Reservation> expireDue() {
    guard.lock.lock();
    try {
      guard.checkUsable();
      long now = now();
      List<Reservation> expired = expire(now, true);
      if (deletions != null && deletions.anyDue(now)) {
        deleteFinished(deletions, now);
      }
      return expired;
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /**
   * The reservation with this sid.
   *
   * @param sid the reservation's sid
   * @return the reservation as it is now, or empty if the engine has none with this sid
   * @throws NullPointerException if {@code sid} is null
   */
  public Optional<Reservation> find(ReservationSid sid) {
    Objects.requireNonNull(sid, "sid");
    guard.lock.lock();
    try {
      enter();
      int row = table.row(sid.high(), sid.low());
      return row < 0 ? Optional.empty() : Optional.of(reader.read(row));
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /**
   * The reservation with this sid.
   *
   * @param sid the reservation's sid
   * @return the reservation as it is now
   * @throws NullPointerException if {@code sid} is null
   * @throws ReservationNotFoundException if there is none
   */
  public Reservation get(ReservationSid sid) {
    Objects.requireNonNull(sid, "sid");
    guard.lock.lock();
    try {
      enter();
      return reader.read(rowOf(sid));
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /**
   * One page of a task's or a worker's reservations, in list order (date created, then sid).
   *
   * <p>Without a token the page starts at the beginning of the list; with one it starts just after
   * (PA) or ends just before (PB) the token's boundary, however the list changed since. {@code
   * nextPage()} is present when a match follows the page; {@code previousPage()} on every page but
   * page 0. A task or worker the engine does not know, or a task under another workspace, is an
   * empty page. O(log n + page size) whatever the status filter; allocates the page and nothing per
   * skipped reservation (a worker filter on a task list walks that task's reservations).
   *
   * @param query the list, its filters, page size and token
   * @return the page, never null; empty when nothing matches
   * @throws NullPointerException if {@code query} is null
   * @throws dev.reservations.core.InvalidPageTokenException if the token was not issued for this
   *     list by an engine with this seed
   */
  public Page<Reservation> list(ReservationQuery query) {
    Objects.requireNonNull(query, "query");
    guard.lock.lock();
    try {
      enter();
      return pager.page(query);
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /**
   * How many reservations {@code query}'s list holds, from the indexes and without building them:
   * the matches of its path, status filter and worker filter, whatever its page size, page and
   * token. As {@link #list}, a task or worker the engine does not know, or a task under another
   * workspace, counts 0. O(1) for a status filter on a task or worker past 16 reservations, else
   * O(k) over its at most 16; a worker filter on a task list walks that task's reservations.
   * Allocates nothing.
   *
   * @param query the list to count; its page size, page and token are ignored
   * @return how many reservations the list holds
   * @throws NullPointerException if {@code query} is null
   */
  public int count(ReservationQuery query) {
    Objects.requireNonNull(query, "query");
    guard.lock.lock();
    try {
      enter();
      return pager.count(query);
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /**
   * Visits every reservation of {@code query}'s list, in list order, field by field through one
   * reused {@link ReservationCursor}: nothing is allocated per reservation, unlike {@link #list}.
   * Page size, page and token do not count: the whole list is visited. The visitor runs under the
   * engine's lock, on this thread; it may read the engine, but a change (or a read that would apply
   * a timeout fallen due) is an {@code IllegalStateException}. O(log n + matches); a worker filter
   * on a task list walks that task's reservations.
   *
   * @param query the list to visit; its page size, page and token are ignored
   * @param visitor receives each reservation, through one cursor reused for all of them
   * @return how many reservations were visited
   * @throws NullPointerException if an argument is null
   * @throws RuntimeException whatever the visitor threw, which ends the scan
   */
  public int scan(ReservationQuery query, ReservationVisitor visitor) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(visitor, "visitor");
    guard.lock.lock();
    try {
      enter();
      guard.beginScan();
      try {
        return pager.scan(query, visitor, new ReservationCursor(table, tasks, workers));
      } finally {
        guard.endScan();
      }
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  /** {@return how many reservations the engine holds, in every status} */
  public int size() {
    return count(-1);
  }

  /**
   * How many reservations are in {@code status}.
   *
   * @param status the status to count
   * @return the number of reservations in it
   * @throws NullPointerException if {@code status} is null
   */
  public int count(ReservationStatus status) {
    return count(Objects.requireNonNull(status, "status").ordinal());
  }

  private int count(int status) {
    guard.lock.lock();
    try {
      enter();
      return status < 0 ? table.size() : transitions.counts[status];
    } catch (Throwable t) {
      throw guard.failed(t);
    } finally {
      guard.exit();
    }
  }

  // ---- state changes ----

  /** Refuses a broken engine, reads the clock and applies the timeouts due; returns now. */
  private long enter() {
    guard.checkUsable();
    long now = now();
    if (deadlines.anyDue(now)) {
      expire(now, false);
    }
    if (deletions != null && deletions.anyDue(now)) {
      deleteFinished(deletions, now);
    }
    return now;
  }

  /** Queues a task that just finished for its automatic deletion, if the engine deletes any. */
  private void finished(int task, long now) {
    if (deletions != null) {
      deletions.add(now, task, tasks.generation(task));
    }
  }

  /** Deletes the finished tasks due by {@code now}, each dated at its due time. */
  private void deleteFinished(DeletionQueue queue, long now) {
    guard.beginChange();
    for (int task = queue.poll(now, tasks); task >= 0; task = queue.poll(now, tasks)) {
      transitions.delete(task, queue.lastDue(), false);
      tasks.remove(task);
    }
    guard.endChange();
  }

  private long now() {
    Instant instant = clock.instant();
    if (instant == null) {
      throw new NullPointerException(
          "clock must return an instant, not null: " + clock.getClass().getName());
    }
    long nanos;
    try {
      nanos =
          Math.addExact(
              Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalStateException(
          "clock reading must lie between 1677-09-21 and 2262-04-11 (a long of epoch "
              + "nanoseconds): "
              + instant,
          e);
    }
    if (nanos > lastNanos) {
      lastNanos = nanos;
    }
    return lastNanos;
  }

  private List<Reservation> expire(long now, boolean collect) {
    if (!deadlines.anyDue(now)) {
      return List.of();
    }
    guard.beginChange();
    List<Reservation> expired = transitions.timeOut(deadlines.poll(now), collect);
    guard.endChange();
    return expired;
  }

  private int rowOf(ReservationSid sid) {
    int row = table.row(sid.high(), sid.low());
    if (row < 0) {
      throw new ReservationNotFoundException(sid);
    }
    return row;
  }

  /**
   * Settings of a {@link ReservationEngine}. Each setting is checked as it is made; a setting other
   * than {@code listener} given twice is an {@code IllegalStateException}. Not thread-safe; build
   * once and share the engine.
   */
  public static final class Builder {
    private @Nullable Long seed;
    private @Nullable AccountSid accountSid;
    private @Nullable InstantSource clock;
    private long timeout = 120_000_000_000L;
    private boolean timeoutSet;
    private long retention;
    private final List<ReservationListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * The account sid of every reservation; by default derived from the seed.
     *
     * @param accountSid the account
     * @return this builder
     * @throws NullPointerException if {@code accountSid} is null
     * @throws IllegalStateException if the account sid is already set
     */
    public Builder accountSid(AccountSid accountSid) {
      Objects.requireNonNull(accountSid, "accountSid");
      once(this.accountSid == null, "account sid");
      this.accountSid = accountSid;
      return this;
    }

    /**
     * The clock; by default the system clock. The engine reads it once per call.
     *
     * @param clock the source of every timestamp and deadline
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     * @throws IllegalStateException if the clock is already set
     */
    public Builder clock(InstantSource clock) {
      Objects.requireNonNull(clock, "clock");
      once(this.clock == null, "clock");
      this.clock = clock;
      return this;
    }

    /**
     * How long a reservation stays pending before it times out; 120 s by default, TaskRouter's
     * {@code TaskReservationTimeout}.
     *
     * @param timeout the default timeout; one longer than about 292 years is taken as forever
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws IllegalStateException if the timeout is already set
     */
    public Builder reservationTimeout(Duration timeout) {
      long nanos = nanos(timeout);
      once(!timeoutSet, "reservation timeout");
      this.timeout = nanos;
      this.timeoutSet = true;
      return this;
    }

    /**
     * Deletes every task automatically this long after it finishes, as {@link
     * ReservationEngine#deleteTask} would: a task finishes when its accepted reservation completes,
     * or when it is canceled (also before its first reservation). The deletion is lazy, like a
     * timeout: the first call whose clock reading is at or past the task's finish plus {@code
     * retention} deletes it, right after the timeouts due and before anything else, and delivers a
     * {@code task.deleted} event for each of its reservations, dated at that due time (so within
     * one call every timeout's event comes before every deletion's, whatever their dates). So in
     * virtual time memory follows the tasks of the last retention period plus those still running.
     * By default nothing is deleted. Costs 16 bytes per task finished within one retention period.
     *
     * @param retention how long a finished task stays; one longer than about 292 years is taken as
     *     forever
     * @return this builder
     * @throws NullPointerException if {@code retention} is null
     * @throws IllegalArgumentException if {@code retention} is zero or negative
     * @throws IllegalStateException if the retention is already set
     */
    public Builder deleteFinishedTasksAfter(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException(
            "retention of finished tasks must be positive: " + retention);
      }
      once(this.retention == 0, "retention of finished tasks");
      long nanos;
      try {
        nanos = retention.toNanos();
      } catch (ArithmeticException e) {
        nanos = Long.MAX_VALUE;
      }
      this.retention = nanos;
      return this;
    }

    /**
     * The seed of reservation sids, page-token keys and the default account sid. Engines built with
     * the same seed, fed the same calls and clock readings, produce the same reservations and pages
     * and accept each other's tokens. By default a random seed. A sid's high 64 bits are a
     * seed-drawn offset plus the reservation's sequence number, so sids count up in creation order;
     * its low 64 bits are a keyed check of the high ones (not a cryptographic one), so the sid of
     * another engine, or a random guess, finds nothing. Sids are no secret: they show the order in
     * which the engine made its reservations, and how many it made between two.
     *
     * @param seed the seed
     * @return this builder
     * @throws IllegalStateException if the seed is already set
     */
    public Builder seed(long seed) {
      once(this.seed == null, "seed");
      this.seed = seed;
      return this;
    }

    /**
     * Adds a listener; listeners hear events in the order they were added. May be called several
     * times.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(ReservationListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * {@return a new engine with these settings} The builder may be used again, and builds an
     * independent engine each time. O(listeners).
     */
    public ReservationEngine build() {
      return new ReservationEngine(this);
    }

    private static void once(boolean unset, String setting) {
      if (!unset) {
        throw new IllegalStateException(setting + " is already set; set it once");
      }
    }

    static long nanos(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("reservation timeout must be positive: " + timeout);
      }
      try {
        return timeout.toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
  }
}
