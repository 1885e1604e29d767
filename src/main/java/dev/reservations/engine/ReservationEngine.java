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
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.collections.impl.list.mutable.primitive.ByteArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
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
 * thread while that lock is held, which keeps events in commit order; a listener may call back
 * into the engine.
 *
 * <p><b>Time.</b> Time comes only from the builder's {@link InstantSource}; the engine starts no
 * thread and never sleeps. If the clock goes back, the engine keeps using the latest instant it
 * has seen, so no timestamp ever decreases. A pending reservation times out at its date created
 * plus its timeout. Every operation, reads included, first applies the timeouts that are due,
 * each dated at its deadline; a call that then fails keeps them. So outcomes never depend on when
 * {@link #expireDue()} is called. Instants must lie between the years 1678 and 2261, the range of
 * a long of epoch nanoseconds.
 *
 * <p><b>Task rules.</b> A task belongs to the workspace of its first reservation, and a worker to
 * the workspace of its first reservation: reserving either under another workspace is an {@code
 * IllegalArgumentException}. At most one reservation of a task is ever accepted; accepting one
 * rescinds the task's other pending reservations. An assigned or canceled task takes no new
 * reservation, and a worker holds at most one pending reservation per task.
 *
 * <p><b>Errors.</b> Null arguments are {@code NullPointerException}s naming the parameter; bad
 * values are {@code IllegalArgumentException}s; domain refusals are the unchecked {@code
 * ReservationException}s. A failed call changes nothing but the timeouts it applied first. When
 * several checks fail, an unknown sid wins over a stale version, which wins over an illegal move.
 *
 * <p><b>Cost.</b> Lookups by sid are O(1) (the sid is computed from the row number, nothing is
 * hashed). A transition is O(1) plus its index moves, O(log k + shift) in the key's status array.
 * A list page is O(log n + page size) whatever the status filter. {@code expireDue()} is
 * O(expired · log expired), and O(1) when nothing is due.
 */
public final class ReservationEngine {
  private static final ReservationStatus[] STATUSES = ReservationStatus.values();
  private static final int PENDING = ReservationStatus.PENDING.ordinal();
  private static final int ACCEPTED = ReservationStatus.ACCEPTED.ordinal();
  private static final byte CANCELED_TASK = 1;
  private static final byte ASSIGNED_TASK = 2;
  private static final int NO_WORKSPACE = -1;

  private final ReentrantLock lock = new ReentrantLock();
  private final InstantSource clock;
  private final long defaultTimeout;
  private final AccountSid accountSid;
  private final PageCursor cursors;
  private final ReservationListener[] listeners;

  private final ReservationTable table;
  private final SidTable workspaces = new SidTable();
  private final List<WorkspaceSid> workspaceSids = new ArrayList<>();
  private final SidTable tasks = new SidTable();
  private final IntArrayList taskWorkspace = new IntArrayList();
  private final ByteArrayList taskFlags = new ByteArrayList();
  private final SidTable workers = new SidTable();
  private final List<WorkerSid> workerSids = new ArrayList<>();
  private final IntArrayList workerWorkspace = new IntArrayList();
  private final KeyIndex byTask;
  private final KeyIndex byWorker;
  private final DeadlineQueue deadlines;
  private final int[] counts = new int[STATUSES.length];
  private final int[] scratch = new int[ReservationQuery.MAX_PAGE_SIZE + 1];

  private long lastNanos = Long.MIN_VALUE;
  private InvariantCheck.@Nullable Snapshot lastChecked;
  private final ArrayDeque<ReservationEvent> events = new ArrayDeque<>();
  private boolean delivering;

  private ReservationEngine(Builder builder) {
    long seed = builder.seed != null ? builder.seed : ThreadLocalRandom.current().nextLong();
    SidCipher cipher = new SidCipher(seed);
    SidCipher.SplitMix accountBits = new SidCipher.SplitMix(seed ^ 0x0acc_0b7e_5eed_1234L);
    this.accountSid = builder.accountSid != null
        ? builder.accountSid
        : new AccountSid(accountBits.next(), accountBits.next());
    this.clock = builder.clock != null ? builder.clock : InstantSource.system();
    this.defaultTimeout = builder.timeout;
    this.cursors = new PageCursor(seed);
    this.listeners = builder.listeners.toArray(new ReservationListener[0]);
    this.table = new ReservationTable(cipher);
    this.byTask = new KeyIndex(table);
    this.byWorker = new KeyIndex(table);
    this.deadlines = new DeadlineQueue(table, defaultTimeout);
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
   * @throws IllegalArgumentException if the task or the worker belongs to another workspace
   * @throws ReservationConflictException if the task is assigned or canceled, or the worker
   *     already holds a pending reservation of it
   * @throws IllegalStateException if the engine already holds 2<sup>31</sup>−1 reservations,
   *     536,854,528 tasks or as many workers, or 2<sup>27</sup> (worker, worker name) pairs
   */
  public Reservation reserve(WorkspaceSid workspaceSid, TaskSid taskSid, WorkerSid workerSid,
      String workerName) {
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
  public Reservation reserve(WorkspaceSid workspaceSid, TaskSid taskSid, WorkerSid workerSid,
      String workerName, Duration timeout) {
    return reserve(workspaceSid, taskSid, workerSid, workerName, Builder.nanos(timeout));
  }

  private Reservation reserve(WorkspaceSid workspaceSid, TaskSid taskSid, WorkerSid workerSid,
      String workerName, long timeout) {
    Objects.requireNonNull(workspaceSid, "workspaceSid");
    Objects.requireNonNull(taskSid, "taskSid");
    Objects.requireNonNull(workerSid, "workerSid");
    Objects.requireNonNull(workerName, "workerName");
    lock.lock();
    Throwable failure = null;
    try {
      long now = tick();
      int workspace = workspaces.find(workspaceSid.high(), workspaceSid.low());
      int task = tasks.find(taskSid.high(), taskSid.low());
      int worker = workers.find(workerSid.high(), workerSid.low());
      if (task >= 0) {
        int owner = taskWorkspace.get(task);
        if (owner != NO_WORKSPACE && owner != workspace) {
          throw otherWorkspace("task", taskSid.toString(), owner, workspaceSid);
        }
      }
      if (worker >= 0 && workerWorkspace.get(worker) != workspace) {
        throw otherWorkspace("worker", workerSid.toString(), workerWorkspace.get(worker),
            workspaceSid);
      }
      if (task >= 0 && (taskFlags.get(task) & CANCELED_TASK) != 0) {
        throw new ReservationConflictException(taskSid, workerSid,
            "task is canceled and takes no new reservation");
      }
      if (task >= 0 && (taskFlags.get(task) & ASSIGNED_TASK) != 0) {
        throw new ReservationConflictException(taskSid, workerSid,
            "task is assigned and takes no new reservation");
      }
      if (task >= 0 && worker >= 0 && holdsPending(task, worker)) {
        throw new ReservationConflictException(taskSid, workerSid,
            "worker already holds a pending reservation of this task");
      }
      if (table.size() == Integer.MAX_VALUE) {
        throw new IllegalStateException(
            "engine holds the most reservations it can, " + Integer.MAX_VALUE);
      }
      if (task < 0) {
        checkRoomForKey(tasks, "tasks");
      }
      if (worker < 0) {
        checkRoomForKey(workers, "workers");
      }
      table.checkRoomForRef(worker, workerName);
      if (workspace < 0) {
        workspace = workspaces.intern(workspaceSid.high(), workspaceSid.low());
        workspaceSids.add(workspaceSid);
      }
      if (task < 0) {
        task = tasks.intern(taskSid.high(), taskSid.low());
        taskWorkspace.add(workspace);
        taskFlags.add((byte) 0);
      }
      if (worker < 0) {
        worker = workers.intern(workerSid.high(), workerSid.low());
        workerSids.add(workerSid);
        workerWorkspace.add(workspace);
      }
      int row = table.add(task, worker, workerName, PENDING, now);
      byTask.add(task, row);
      byWorker.add(worker, row);
      deadlines.add(row, timeout);
      counts[PENDING]++;
      Reservation created = reservation(row, taskSid);
      announce(ReservationEvent.Type.CREATED, created, null);
      return created;
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
    }
  }

  private IllegalArgumentException otherWorkspace(String kind, String sid, int owner,
      WorkspaceSid asked) {
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "a %s belongs to the workspace of its first reservation: %s is in %s, not %s", kind, sid,
        workspaceSids.get(owner), asked));
  }

  /** Throws an {@code IllegalStateException} if {@code keys} holds as many as an index can key. */
  private static void checkRoomForKey(SidTable keys, String kind) {
    if (keys.size() >= KeyIndex.MAX_KEYS) {
      throw new IllegalStateException(
          "engine holds the most " + kind + " it can, " + KeyIndex.MAX_KEYS);
    }
  }

  private boolean holdsPending(int task, int worker) {
    int n = byTask.collect(task, PENDING, worker, true, false, 0, 0, 0, 1, scratch);
    return n > 0;
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
   * Times out a pending reservation now, before its deadline. Raises {@code
   * reservation.timeout}. At or after the deadline the reservation has already timed out, so
   * this is an illegal {@code timeout → timeout}.
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
    Objects.requireNonNull(target, "target");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException(
          "expected version must be 0 or more: " + expectedVersion);
    }
    return move(sid, target, true, expectedVersion);
  }

  private Reservation move(ReservationSid sid, ReservationStatus target, boolean clientUpdate,
      long expectedVersion) {
    Objects.requireNonNull(sid, "sid");
    lock.lock();
    Throwable failure = null;
    try {
      long now = tick();
      int row = rowOf(sid);
      ReservationStatus from = STATUSES[table.status(row)];
      if (expectedVersion >= 0 && table.version(row) != expectedVersion) {
        throw new VersionMismatchException(sid, expectedVersion, table.version(row));
      }
      if ((clientUpdate && !target.isClientSettable()) || !from.canMoveTo(target)) {
        throw new IllegalTransitionException(sid, from, target);
      }
      Reservation moved = Objects.requireNonNull(apply(row, target.ordinal(), now, true));
      if (target == ReservationStatus.ACCEPTED) {
        int task = table.task(row);
        taskFlags.set(task, (byte) (taskFlags.get(task) | ASSIGNED_TASK));
        int[] others = buffer(byTask.size(task));
        int n = byTask.collect(task, PENDING, -1, true, false, 0, 0, 0, others.length, others);
        for (int i = 0; i < n; i++) {
          apply(others[i], ReservationStatus.RESCINDED.ordinal(), now, false);
        }
      }
      return moved;
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
    }
  }

  /** The scratch array when it is large enough, else a new one; never held across calls. */
  private int[] buffer(int size) {
    return size <= scratch.length ? scratch : new int[size];
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
   * @throws IllegalStateException if the task is new and the engine already holds 536,854,528
   *     tasks
   */
  public List<Reservation> cancelTask(TaskSid taskSid) {
    Objects.requireNonNull(taskSid, "taskSid");
    lock.lock();
    Throwable failure = null;
    try {
      long now = tick();
      int task = tasks.find(taskSid.high(), taskSid.low());
      if (task < 0) {
        checkRoomForKey(tasks, "tasks");
        task = tasks.intern(taskSid.high(), taskSid.low());
        taskWorkspace.add(NO_WORKSPACE);
        taskFlags.add(CANCELED_TASK);
        return List.of();
      }
      if ((taskFlags.get(task) & ASSIGNED_TASK) != 0) {
        throw new ReservationConflictException(taskSid, null,
            "task is assigned and cannot be canceled");
      }
      taskFlags.set(task, (byte) (taskFlags.get(task) | CANCELED_TASK));
      int[] pending = buffer(byTask.size(task));
      int n = byTask.collect(task, PENDING, -1, true, false, 0, 0, 0, pending.length, pending);
      List<Reservation> canceled = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        canceled.add(Objects.requireNonNull(
            apply(pending[i], ReservationStatus.CANCELED.ordinal(), now, true)));
      }
      return Collections.unmodifiableList(canceled);
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
    }
  }

  /**
   * Applies every timeout that is due now and returns the reservations it timed out, in deadline
   * order with ties in list order. Timeouts that an earlier call already applied are not
   * returned. O(1) when nothing is due.
   *
   * @return the reservations timed out by this call, unmodifiable
   */
  public List<Reservation> expireDue() {
    lock.lock();
    Throwable failure = null;
    try {
      return expire(now(), true);
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
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
    lock.lock();
    Throwable failure = null;
    try {
      tick();
      int row = table.row(sid.high(), sid.low());
      return row < 0 ? Optional.empty() : Optional.of(reservation(row));
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
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
    lock.lock();
    Throwable failure = null;
    try {
      tick();
      return reservation(rowOf(sid));
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
    }
  }

  /**
   * One page of a task's or a worker's reservations, in list order (date created, then sid).
   *
   * <p>Without a token the page starts at the beginning of the list; with one it starts just
   * after (PA) or ends just before (PB) the token's boundary, however the list changed since.
   * {@code nextPage()} is present when a match follows the page; {@code previousPage()} on every
   * page but page 0. A task or worker the engine does not know, or a task under another
   * workspace, is an empty page. O(log n + page size) whatever the status filter; allocates the
   * page and nothing per skipped reservation (a worker filter on a task list walks that task's
   * reservations).
   *
   * @param query the list, its filters, page size and token
   * @return the page, never null; empty when nothing matches
   * @throws NullPointerException if {@code query} is null
   * @throws dev.reservations.core.InvalidPageTokenException if the token was not issued for
   *     this list by an engine with this seed
   */
  public Page<Reservation> list(ReservationQuery query) {
    Objects.requireNonNull(query, "query");
    lock.lock();
    Throwable failure = null;
    try {
      tick();
      return page(query);
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
    }
  }

  /** {@return how many reservations the engine holds, in every status} */
  public int size() {
    lock.lock();
    Throwable failure = null;
    try {
      tick();
      return table.size();
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
    }
  }

  /**
   * How many reservations are in {@code status}.
   *
   * @param status the status to count
   * @return the number of reservations in it
   * @throws NullPointerException if {@code status} is null
   */
  public int count(ReservationStatus status) {
    Objects.requireNonNull(status, "status");
    lock.lock();
    Throwable failure = null;
    try {
      tick();
      return counts[status.ordinal()];
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      exit(failure);
    }
  }

  // ---- paging ----

  private Page<Reservation> page(ReservationQuery query) {
    String tokenText = query.pageToken().orElse(null);
    PageCursor.Boundary token = tokenText == null ? null : cursors.decode(query, tokenText);
    WorkspaceSid ws = query.workspaceSid();
    int workspace = workspaces.find(ws.high(), ws.low());
    int index = workspace < 0 ? -1 : keyIndexOf(query, workspace);
    KeyIndex keys = query.isTaskList() ? byTask : byWorker;
    ReservationStatus statusFilter = query.status().orElse(null);
    int status = statusFilter == null ? -1 : statusFilter.ordinal();
    int worker = -1;
    if (index >= 0 && query.isTaskList() && query.workerSid().isPresent()) {
      WorkerSid filter = query.workerSid().get();
      worker = workers.find(filter.high(), filter.low());
      if (worker < 0) {
        index = -1;
      }
    }
    int size = query.pageSize();
    int n = 0;
    boolean forward = token == null || token.after();
    if (index >= 0) {
      n = token == null
          ? keys.collect(index, status, worker, true, false, 0, 0, 0, size + 1, scratch)
          : keys.collect(index, status, worker, forward, true, token.created(), token.high(),
              token.low(), size + 1, scratch);
      if (n > 0 && workerWorkspace.get(table.worker(scratch[0])) != workspace) {
        // a task list under another workspace than the task's
        n = 0;
        index = -1;
      }
    }
    int count = Math.min(n, size);
    Reservation[] items = new Reservation[count];
    TaskSid taskSid = query.taskSid().orElse(null);
    for (int i = 0; i < count; i++) {
      items[i] = reservation(scratch[forward ? i : count - 1 - i], taskSid);
    }
    int first = count == 0 ? -1 : scratch[forward ? 0 : count - 1];
    int last = count == 0 ? -1 : scratch[forward ? count - 1 : 0];

    PageCursor.Boundary nextFrom = null;
    if (forward && n > size) {
      nextFrom = boundaryOf(last, true);
    } else if (token != null && !forward && index >= 0) {
      PageCursor.Boundary after = count > 0 ? boundaryOf(last, true) : token.predecessor(true);
      if (keys.collect(index, status, worker, true, true, after.created(), after.high(),
          after.low(), 1, scratch) > 0) {
        nextFrom = after;
      }
    }
    PageCursor.Boundary previousFrom = null;
    if (query.page() > 0 && (count > 0 || token != null)) {
      if (count > 0) {
        previousFrom = boundaryOf(first, false);
      } else if (token != null) {
        previousFrom = token.after() ? token.successor(false) : token;
      }
    }
    ReservationQuery next = nextFrom == null ? null
        : query.withPage(query.page() + 1).withPageToken(cursors.encode(query, nextFrom));
    ReservationQuery previous = previousFrom == null ? null
        : query.withPage(query.page() - 1).withPageToken(cursors.encode(query, previousFrom));
    // List.of copies once; Page.of keeps an immutable list as it is
    return Page.of(query, List.of(items), next, previous);
  }

  private PageCursor.Boundary boundaryOf(int row, boolean after) {
    return new PageCursor.Boundary(after, table.created(row), table.sidHigh(row),
        table.sidLow(row));
  }

  /**
   * The dense id of the query's task or worker, or -1 when the list is empty for sure. A task's
   * workspace is checked on the rows found instead (all of a task's rows share its workspace),
   * which saves a cache miss per query.
   */
  private int keyIndexOf(ReservationQuery query, int workspace) {
    if (query.isTaskList()) {
      TaskSid taskSid = query.taskSid().orElseThrow();
      return tasks.find(taskSid.high(), taskSid.low());
    }
    WorkerSid workerSid = query.workerSid().orElseThrow();
    int worker = workers.find(workerSid.high(), workerSid.low());
    return worker >= 0 && workerWorkspace.get(worker) == workspace ? worker : -1;
  }

  // ---- state changes ----

  /** Reads the clock and applies the timeouts due; returns now. */
  private long tick() {
    long now = now();
    if (deadlines.anyDue(now)) {
      expire(now, false);
    }
    return now;
  }

  private long now() {
    Instant instant = clock.instant();
    long nanos;
    try {
      nanos = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
          instant.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalStateException(
          "clock reading must lie between 1677-09-21 and 2262-04-11 (a long of epoch "
              + "nanoseconds): " + instant, e);
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
    DeadlineQueue.Due due = deadlines.poll(now);
    List<Reservation> expired = collect ? new ArrayList<>(due.rows().length) : null;
    for (int i = 0; i < due.rows().length; i++) {
      Reservation r = apply(due.rows()[i], ReservationStatus.TIMEOUT.ordinal(),
          due.deadlines()[i], collect);
      if (expired != null) {
        expired.add(Objects.requireNonNull(r));
      }
    }
    return expired == null ? List.of() : Collections.unmodifiableList(expired);
  }

  /**
   * Moves a row to a status, updates every index and count, and announces it. Returns the moved
   * reservation if {@code wanted} or a listener hears of it, else null: a rescind or a timeout
   * nobody asked about allocates nothing.
   */
  private @Nullable Reservation apply(int row, int status, long at, boolean wanted) {
    int from = table.status(row);
    table.update(row, status, at);
    byTask.move(table.task(row), row, from);
    byWorker.move(table.worker(row), row, from);
    counts[from]--;
    counts[status]++;
    if (!wanted && listeners.length == 0) {
      return null;
    }
    Reservation moved = reservation(row);
    announce(ReservationEvent.Type.entering(STATUSES[status]), moved, STATUSES[from]);
    return moved;
  }

  private int rowOf(ReservationSid sid) {
    int row = table.row(sid.high(), sid.low());
    if (row < 0) {
      throw new ReservationNotFoundException(sid);
    }
    return row;
  }

  private Reservation reservation(int row) {
    return reservation(row, null);
  }

  /** The reservation of a row; {@code knownTask} is its task's sid when the caller has it. */
  private Reservation reservation(int row, @Nullable TaskSid knownTask) {
    int task = table.task(row);
    int worker = table.worker(row);
    long created = table.created(row);
    long updated = table.updated(row);
    Instant dateCreated = instant(created);
    return new Reservation(
        table.sid(row),
        accountSid,
        // a task and its workers share a workspace; the workers' column is small and hot
        workspaceSids.get(workerWorkspace.get(worker)),
        knownTask != null ? knownTask : new TaskSid(tasks.high(task), tasks.low(task)),
        workerSids.get(worker),
        table.workerName(row),
        STATUSES[table.status(row)],
        dateCreated,
        updated == created ? dateCreated : instant(updated),
        table.version(row));
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  // ---- events ----

  private void announce(ReservationEvent.Type type, Reservation reservation,
      @Nullable ReservationStatus previous) {
    if (listeners.length > 0) {
      events.add(new ReservationEvent(type, reservation, previous, reservation.dateUpdated()));
    }
  }

  /**
   * Delivers the queued events (unless an outer call on this thread is already delivering them),
   * then releases the lock. A listener's exception is rethrown after every listener has heard
   * every event, the first one with the later ones suppressed; if the call itself failed, its
   * own exception wins and carries the listeners' as suppressed.
   */
  private void exit(@Nullable Throwable failure) {
    RuntimeException listenerFailure = null;
    try {
      if (!delivering && !events.isEmpty()) {
        delivering = true;
        try {
          ReservationEvent event;
          while ((event = events.poll()) != null) {
            for (ReservationListener listener : listeners) {
              try {
                listener.onEvent(event);
              } catch (RuntimeException e) {
                if (listenerFailure == null) {
                  listenerFailure = e;
                } else if (listenerFailure != e) {
                  listenerFailure.addSuppressed(e);
                }
              }
            }
          }
        } finally {
          delivering = false;
        }
      }
    } finally {
      lock.unlock();
    }
    if (listenerFailure != null) {
      if (failure != null) {
        failure.addSuppressed(listenerFailure);
      } else {
        throw listenerFailure;
      }
    }
  }

  // ---- invariant checks, for tests ----

  /**
   * Checks that every index equals the projection of the table; throws {@code
   * IllegalStateException} naming the first disagreement. O(n log n); for tests.
   */
  void checkInvariants() {
    lock.lock();
    try {
      InvariantCheck check = new InvariantCheck();
      check.run();
      check.sinceLastCheck(lastChecked);
      lastChecked = check.snapshot();
    } finally {
      lock.unlock();
    }
  }

  private final class InvariantCheck {
    void run() {
      int[] statusCount = new int[STATUSES.length];
      List<IntArrayList> rowsOfTask = new ArrayList<>();
      List<IntArrayList> rowsOfWorker = new ArrayList<>();
      for (int t = 0; t < tasks.size(); t++) {
        rowsOfTask.add(new IntArrayList());
      }
      for (int w = 0; w < workers.size(); w++) {
        rowsOfWorker.add(new IntArrayList());
      }
      int[] acceptedOfTask = new int[tasks.size()];
      for (int row = 0; row < table.size(); row++) {
        statusCount[table.status(row)]++;
        rowsOfTask.get(table.task(row)).add(row);
        rowsOfWorker.get(table.worker(row)).add(row);
        int status = table.status(row);
        if (status == ACCEPTED || status == ReservationStatus.WRAPPING.ordinal()
            || status == ReservationStatus.COMPLETED.ordinal()) {
          acceptedOfTask[table.task(row)]++;
        }
        if (table.updated(row) < table.created(row)) {
          fail("row %d updated before it was created", row);
        }
        if (table.row(table.sidHigh(row), table.sidLow(row)) != row) {
          fail("row %d does not map back from its sid", row);
        }
        if (workerWorkspace.get(table.worker(row)) != taskWorkspace.get(table.task(row))) {
          fail("row %d: worker and task in different workspaces", row);
        }
      }
      int total = 0;
      for (int s = 0; s < STATUSES.length; s++) {
        if (statusCount[s] != counts[s]) {
          fail("count of %s is %d, table has %d", STATUSES[s], counts[s], statusCount[s]);
        }
        total += counts[s];
      }
      if (total != table.size()) {
        fail("counts sum to %d, table has %d", total, table.size());
      }
      for (int t = 0; t < tasks.size(); t++) {
        checkKey(byTask, t, rowsOfTask.get(t), "task");
        if (acceptedOfTask[t] > 1) {
          fail("task %d has %d accepted reservations", t, acceptedOfTask[t]);
        }
        boolean assigned = (taskFlags.get(t) & ASSIGNED_TASK) != 0;
        if (assigned != (acceptedOfTask[t] == 1)) {
          fail("task %d assigned flag %b disagrees with its reservations", t, assigned);
        }
      }
      for (int w = 0; w < workers.size(); w++) {
        checkKey(byWorker, w, rowsOfWorker.get(w), "worker");
      }
      int[] queued = deadlines.pendingRows();
      IntArrayList pendingRows = new IntArrayList();
      for (int row = 0; row < table.size(); row++) {
        if (table.status(row) == PENDING) {
          pendingRows.add(row);
        }
      }
      IntArrayList queuedSorted = IntArrayList.newListWith(queued).sortThis();
      if (!queuedSorted.equals(pendingRows)) {
        fail("deadline queue holds %s, pending rows are %s", queuedSorted, pendingRows);
      }
    }

    /** The rows as this check saw them, for the next check to compare against. */
    @SuppressWarnings("ArrayRecordComponent") // never compared: each check reads its arrays
    record Snapshot(int size, long lastNanos, byte[] status, byte[] version, long[] created,
        long[] updated) {}

    Snapshot snapshot() {
      int n = table.size();
      byte[] status = new byte[n];
      byte[] version = new byte[n];
      long[] created = new long[n];
      long[] updated = new long[n];
      for (int row = 0; row < n; row++) {
        status[row] = (byte) table.status(row);
        version[row] = (byte) table.version(row);
        created[row] = table.created(row);
        updated[row] = table.updated(row);
      }
      return new Snapshot(n, lastNanos, status, version, created, updated);
    }

    /**
     * Checks each row's version against its status, and that since the previous check no row
     * vanished, no date created changed, and versions, dates updated and the engine's time only
     * moved forward, each row along a legal path of the state machine.
     */
    void sinceLastCheck(@Nullable Snapshot previous) {
      for (int row = 0; row < table.size(); row++) {
        int status = table.status(row);
        int version = table.version(row);
        int least = status == PENDING ? 0
            : status == ReservationStatus.WRAPPING.ordinal() ? 2 : 1;
        int most = status == PENDING ? 0
            : status == ReservationStatus.WRAPPING.ordinal() ? 2
            : status == ReservationStatus.COMPLETED.ordinal() ? 3 : 1;
        if (version < least || version > most) {
          fail("row %d is %s at version %d", row, STATUSES[status], version);
        }
        if (table.updated(row) > lastNanos) {
          fail("row %d updated at %d, after the engine's time %d", row, table.updated(row),
              lastNanos);
        }
      }
      if (previous == null) {
        return;
      }
      if (table.size() < previous.size() || lastNanos < previous.lastNanos()) {
        fail("engine went back: %d rows at time %d, was %d rows at time %d", table.size(),
            lastNanos, previous.size(), previous.lastNanos());
      }
      for (int row = 0; row < previous.size(); row++) {
        int was = previous.status()[row];
        int is = table.status(row);
        int moves = table.version(row) - previous.version()[row];
        if (table.created(row) != previous.created()[row]) {
          fail("row %d date created changed from %d to %d", row, previous.created()[row],
              table.created(row));
        }
        if (moves < 0 || table.updated(row) < previous.updated()[row]) {
          fail("row %d went back from version %d at %d to version %d at %d", row,
              previous.version()[row], previous.updated()[row], table.version(row),
              table.updated(row));
        }
        if (moves == 0 ? is != was || table.updated(row) != previous.updated()[row]
            : is == was || (moves == 1 && !STATUSES[was].canMoveTo(STATUSES[is]))) {
          fail("row %d moved from %s v%d to %s v%d", row, STATUSES[was],
              previous.version()[row], STATUSES[is], table.version(row));
        }
      }
    }

    private void checkKey(KeyIndex index, int key, IntArrayList expected, String kind) {
      int[] expectedRows = expected.toArray();
      sortInListOrder(expectedRows);
      int[] actual = index.rows(key);
      if (!Arrays.equals(expectedRows, actual)) {
        fail("%s %d index holds %s, table has %s", kind, key,
            Arrays.toString(actual), Arrays.toString(expectedRows));
      }
      IntArrayList byStatus = new IntArrayList(expectedRows.length);
      for (int s = 0; s < STATUSES.length; s++) {
        int[] inStatus = index.rows(key, s);
        for (int i = 0; i < inStatus.length; i++) {
          if (table.status(inStatus[i]) != s) {
            fail("%s %d status %s holds row %d of status %s", kind, key, STATUSES[s],
                inStatus[i], STATUSES[table.status(inStatus[i])]);
          }
          if (i > 0 && table.compare(inStatus[i - 1], inStatus[i]) >= 0) {
            fail("%s %d status %s is out of list order at row %d", kind, key, STATUSES[s],
                inStatus[i]);
          }
        }
        byStatus.addAll(inStatus);
      }
      int[] statusRows = byStatus.toArray();
      sortInListOrder(statusRows);
      if (!Arrays.equals(expectedRows, statusRows)) {
        fail("%s %d status index holds %s, table has %s", kind, key,
            Arrays.toString(statusRows), Arrays.toString(expectedRows));
      }
    }

    private void sortInListOrder(int[] rows) {
      for (int i = 1; i < rows.length; i++) {
        int row = rows[i];
        int j = i - 1;
        while (j >= 0 && table.compare(rows[j], row) > 0) {
          rows[j + 1] = rows[j];
          j--;
        }
        rows[j + 1] = row;
      }
    }

    private void fail(String format, Object... args) {
      throw new IllegalStateException(String.format(Locale.ROOT, format, args));
    }
  }

  /**
   * Settings of a {@link ReservationEngine}. Each setting is checked as it is made; a setting
   * other than {@code listener} given twice is an {@code IllegalStateException}. Not
   * thread-safe; build once and share the engine.
   */
  public static final class Builder {
    private @Nullable Long seed;
    private @Nullable AccountSid accountSid;
    private @Nullable InstantSource clock;
    private long timeout = 120_000_000_000L;
    private boolean timeoutSet;
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
     * The seed of reservation sids, page-token keys and the default account sid. Engines built
     * with the same seed, fed the same calls and clock readings, produce the same reservations
     * and pages and accept each other's tokens. By default a random seed.
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
     * Adds a listener; listeners hear events in the order they were added. May be called
     * several times.
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
        throw new IllegalArgumentException(
            "reservation timeout must be positive: " + timeout);
      }
      try {
        return timeout.toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
  }
}
