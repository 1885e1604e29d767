package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A realistic, seeded history of {@code n} reservations in one workspace: {@code n / 4} tasks of
 * four reservations each, offered to workers drawn in one of two {@link Shape}s:
 * {@link Shape#SKEWED}, {@code max(1000, n / 100)} workers chosen with a Zipf distribution
 * (exponent 1), so a few workers have very long histories (at 1,000,000 the busiest has 88,712
 * reservations); or {@link Shape#UNIFORM}, 1,000 workers chosen uniformly (at 1,000,000 about
 * 1,000 reservations and 17 pending each).
 *
 * <p>Each task offers itself to four distinct workers. An older task (the first 97%): the first
 * two offers are rejected or time out; of the last two, either the third is rejected or times out
 * and the fourth is accepted, or both are pending together and accepting the fourth rescinds the
 * third (30%); the accepted one then wraps up (half of the time) and completes. A recent task (the
 * last 3%) has two rejected or timed-out offers and two pending ones, of which 40% of the time
 * the fourth is accepted (and a fifth of those is wrapping). That gives mostly terminal statuses
 * and about 1% pending.
 *
 * <p>{@link #load} builds a store through its own API (reserve, then the transitions), advancing
 * the clock by 1 ms before each call, so every reservation has its own date created.
 */
public final class Dataset {
  /** How the load picks the workers of a task, and how the benchmarks pick workers to ask for. */
  public enum Shape {
    /** {@code max(1000, n / 100)} workers, Zipf-distributed (exponent 1). */
    SKEWED,
    /** 1,000 workers, uniformly distributed. */
    UNIFORM
  }

  /** The seed of every benchmark. */
  public static final long SEED = 20_240_101L;
  /** A timeout longer than any load (10M reservations take about 7 hours of clock time). */
  public static final Duration LONG_TIMEOUT = Duration.ofDays(30);

  private static final long TASK_HIGH = 0x7a5c_0000_0000_0000L;
  private static final long EXTRA_TASK_HIGH = 0x7a5c_e000_0000_0000L;
  private static final long WORKER_HIGH = 0x3e4b_0000_0000_0000L;
  private static final Duration STEP = Duration.ofMillis(1);

  private final int n;
  private final Shape shape;
  private final long seed;
  private final WorkspaceSid workspace;
  private final boolean taskPerReservation;
  private final WorkerSid[] workers;
  private final String[] names;
  private final double[] cumulative;
  private long extraTasks;
  private int[] reservationsPerWorker = new int[0];

  private Dataset(int n, Shape shape, long seed, boolean taskPerReservation) {
    if (n <= 0 || n % 4 != 0) {
      throw new IllegalArgumentException("n must be a positive multiple of 4: " + n);
    }
    this.n = n;
    this.shape = shape;
    this.seed = seed;
    this.taskPerReservation = taskPerReservation;
    this.workspace = new WorkspaceSid(0x5a5a_0000_0000_0001L, seed);
    int count = shape == Shape.SKEWED ? Math.max(1000, n / 100) : 1000;
    this.workers = new WorkerSid[count];
    this.names = new String[count];
    this.cumulative = new double[count];
    double sum = 0;
    for (int i = 0; i < count; i++) {
      workers[i] = new WorkerSid(WORKER_HIGH, mix(seed + i));
      names[i] = "worker-" + i;
      sum += shape == Shape.SKEWED ? 1.0 / (i + 1) : 1.0;
      cumulative[i] = sum;
    }
    for (int i = 0; i < count; i++) {
      cumulative[i] /= sum;
    }
  }

  /** The skewed data set of {@code n} reservations (a multiple of 4) for {@code seed}. */
  public static Dataset create(int n, long seed) {
    return new Dataset(n, Shape.SKEWED, seed, false);
  }

  /** The data set of {@code n} reservations (a multiple of 4) in {@code shape} for {@code seed}. */
  public static Dataset create(int n, Shape shape, long seed) {
    return new Dataset(n, shape, seed, false);
  }

  /**
   * The skewed data set of {@code n} reservations for {@code seed}, with each reservation on a
   * task of its own: the same workers, clock steps and statuses, but {@code n} tasks, so that
   * accepting the fourth offer of a group rescinds nothing (its pending third offer stays
   * pending). The footprint's worst shape: every reservation pays for a task.
   */
  public static Dataset taskPerReservation(int n, long seed) {
    return new Dataset(n, Shape.SKEWED, seed, true);
  }

  public Shape shape() {
    return shape;
  }

  public int size() {
    return n;
  }

  public WorkspaceSid workspace() {
    return workspace;
  }

  public int taskCount() {
    return n / 4;
  }

  public int workerCount() {
    return workers.length;
  }

  /** The task of the load with index {@code i}, a new object each time. */
  public TaskSid task(int i) {
    return new TaskSid(TASK_HIGH, mix(seed ^ (0x1000_0000L + i)));
  }

  /** A task the load never used; each call gives another. */
  public TaskSid newTask() {
    return new TaskSid(EXTRA_TASK_HIGH, extraTasks++);
  }

  /** The worker of rank {@code i} (0 is the busiest of the skewed shape). */
  public WorkerSid worker(int i) {
    return workers[i];
  }

  public String workerName(int i) {
    return names[i];
  }

  /**
   * How many reservations {@link #load} gives the worker of rank {@code i}, so that a caller
   * knows, without asking a store, whether a page of its history has a next page.
   *
   * @throws IllegalStateException if this data set has not been loaded yet
   */
  public int reservationsOf(int i) {
    if (reservationsPerWorker.length == 0) {
      throw new IllegalStateException("the data set must be loaded first");
    }
    return reservationsPerWorker[i];
  }

  /** A worker rank drawn with the distribution of the load (Zipf or uniform). */
  public int drawWorker(SplittableRandom random) {
    int i = Arrays.binarySearch(cumulative, random.nextDouble());
    return Math.min(i < 0 ? -i - 1 : i, workers.length - 1);
  }

  /**
   * Loads the data set into any store the fastest way it allows: call by call into the engine,
   * in bulk into the competitors (see {@link ReservationStore#fill}). Same final state.
   */
  public void fill(ReservationStore store, MutableClock clock) {
    ReservationStore.fill(store, workspace, clock, s -> load(s, clock, null));
  }

  /**
   * Loads the data set into {@code store} call by call, advancing {@code clock} by 1 ms before
   * each call.
   *
   * @param created receives the sid of each reservation in creation order, if not null
   */
  public void load(ReservationStore store, MutableClock clock,
      @Nullable Consumer<ReservationSid> created) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] picked = new int[4];
    int[] perWorker = new int[workers.length];
    int tasks = taskCount();
    int recentFrom = tasks - tasks * 3 / 100;
    for (int t = 0; t < tasks; t++) {
      TaskSid shared = task(t);
      pickWorkers(random, picked);
      for (int w : picked) {
        perWorker[w]++;
      }
      ReservationSid[] sids = new ReservationSid[4];
      for (int k = 0; k < 2; k++) {
        sids[k] = reserve(store, clock, taskOf(shared, t, k), picked[k], created);
        clock.advance(STEP);
        store.move(sids[k], refusal(random));
      }
      sids[2] = reserve(store, clock, taskOf(shared, t, 2), picked[2], created);
      boolean together = t >= recentFrom || random.nextInt(10) < 3;
      if (!together) {
        clock.advance(STEP);
        store.move(sids[2], refusal(random));
      }
      sids[3] = reserve(store, clock, taskOf(shared, t, 3), picked[3], created);
      if (t >= recentFrom) {
        if (random.nextInt(10) < 4) {
          clock.advance(STEP);
          store.accept(sids[3]);
          if (random.nextInt(5) == 0) {
            clock.advance(STEP);
            store.move(sids[3], ReservationStatus.WRAPPING);
          }
        }
        continue;
      }
      clock.advance(STEP);
      store.accept(sids[3]);
      if (random.nextBoolean()) {
        clock.advance(STEP);
        store.move(sids[3], ReservationStatus.WRAPPING);
      }
      clock.advance(STEP);
      store.move(sids[3], ReservationStatus.COMPLETED);
    }
    reservationsPerWorker = perWorker;
  }

  /** The task of offer {@code k} of group {@code t}: the group's, or one of its own. */
  private TaskSid taskOf(TaskSid shared, int t, int k) {
    return taskPerReservation ? task(taskCount() + 4 * t + k) : shared;
  }

  private ReservationSid reserve(ReservationStore store, MutableClock clock, TaskSid task,
      int worker, @Nullable Consumer<ReservationSid> created) {
    clock.advance(STEP);
    Reservation r = store.reserve(task, workers[worker], names[worker], LONG_TIMEOUT);
    if (created != null) {
      created.accept(r.sid());
    }
    return r.sid();
  }

  /**
   * Gives {@code worker} a history of {@code length} finished reservations (completed one time in
   * three, else rejected), each of a new task, then {@code pending} pending ones.
   *
   * @return the pending reservations
   */
  public List<Reservation> history(ReservationStore store, MutableClock clock, WorkerSid worker,
      String name, int length, int pending) {
    for (int i = 0; i < length; i++) {
      clock.advance(STEP);
      ReservationSid sid = store.reserve(newTask(), worker, name, LONG_TIMEOUT).sid();
      clock.advance(STEP);
      if (i % 3 == 0) {
        store.accept(sid);
        clock.advance(STEP);
        store.move(sid, ReservationStatus.COMPLETED);
      } else {
        store.move(sid, ReservationStatus.REJECTED);
      }
    }
    Reservation[] open = new Reservation[pending];
    for (int i = 0; i < pending; i++) {
      clock.advance(STEP);
      open[i] = store.reserve(newTask(), worker, name, LONG_TIMEOUT);
    }
    return List.of(open);
  }

  /** Fills {@code picked} with distinct worker ranks drawn with the load's distribution. */
  void pickWorkers(SplittableRandom random, int[] picked) {
    for (int k = 0; k < picked.length; k++) {
      int w;
      boolean again;
      do {
        w = drawWorker(random);
        again = false;
        for (int j = 0; j < k; j++) {
          again |= picked[j] == w;
        }
      } while (again);
      picked[k] = w;
    }
  }

  private static ReservationStatus refusal(SplittableRandom random) {
    return random.nextBoolean() ? ReservationStatus.REJECTED : ReservationStatus.TIMEOUT;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
