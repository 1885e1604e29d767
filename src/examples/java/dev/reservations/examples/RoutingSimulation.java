package dev.reservations.examples;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A small routing simulation in virtual time, the README's first command:
 *
 * <pre>{@code mvn -q test-compile exec:java}</pre>
 *
 * <p>It lives in {@code src/examples/java}, which the build compiles with the tests, so it cannot
 * rot.
 *
 * <p>Tasks arrive as a Poisson process and wait in a queue. Each is offered to two idle workers at
 * once; a worker accepts, rejects or lets the reservation time out with given probabilities, and
 * the first acceptance rescinds the other offer. An accepted task is served, wrapped up and
 * completed, and the worker goes back to idle. Time is a virtual clock that jumps from event to
 * event, so a day of traffic runs in well under a second and the same seed gives the same run.
 *
 * <p>Arguments (all optional): tasks, workers, seed. Defaults: 5,000 tasks, 300 workers, seed 42.
 */
public final class RoutingSimulation {
  private static final WorkspaceSid WORKSPACE =
      WorkspaceSid.parse("WS00000000000000000000000000000001");
  private static final double ARRIVALS_PER_SECOND = 1.5;
  private static final double P_ACCEPT = 0.70;
  private static final double P_REJECT = 0.18;
  private static final double MEAN_RESPONSE_SECONDS = 4;
  private static final double MEAN_SERVICE_SECONDS = 150;
  private static final double MEAN_WRAPUP_SECONDS = 20;
  private static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(15);
  private static final int OFFERS_PER_TASK = 2;

  /** What one run measured. */
  public record Summary(
      int tasks,
      int workers,
      int completed,
      Map<ReservationStatus, Integer> counts,
      double meanWaitSeconds,
      Duration virtualTime,
      Page<Reservation> samplePage) {}

  private final ReservationEngine engine;
  private final VirtualClock clock;
  private final SplittableRandom random;
  private final int taskCount;
  private final int workerCount;
  private final List<WorkerSid> idle = new ArrayList<>();
  private final ArrayDeque<TaskSid> waiting = new ArrayDeque<>();
  private final Map<TaskSid, Instant> arrivedAt = new HashMap<>();
  private final Map<TaskSid, Integer> openOffers = new HashMap<>();
  private final Map<TaskSid, Integer> offersMade = new HashMap<>();
  private final PriorityQueue<Scheduled> agenda = new PriorityQueue<>();
  private long sequence;
  private int completed;
  private double totalWaitSeconds;
  private int acceptedTasks;
  private TaskSid busiestTask;
  private int busiestOffers;

  private RoutingSimulation(int tasks, int workers, long seed) {
    if (tasks < 1 || workers < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "a simulation needs at least one task and one worker: %d tasks, %d workers",
              tasks,
              workers));
    }
    this.taskCount = tasks;
    this.workerCount = workers;
    this.random = new SplittableRandom(seed);
    this.clock = new VirtualClock(Instant.parse("2024-01-01T08:00:00Z"));
    this.engine =
        ReservationEngine.builder()
            .seed(seed)
            .clock(clock)
            .reservationTimeout(RESERVATION_TIMEOUT)
            .listener(this::onEvent)
            .build();
    for (int i = 0; i < workers; i++) {
      idle.add(new WorkerSid(0x5000, i));
    }
  }

  /** Runs a simulation and returns its summary. */
  public static Summary run(int tasks, int workers, long seed) {
    return new RoutingSimulation(tasks, workers, seed).simulate();
  }

  public static void main(String[] args) {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    // a warm-up run of the same size, so that the timed run measures compiled code, not the JIT
    run(tasks, workers, seed + 1);
    long started = System.nanoTime();
    Summary summary = run(tasks, workers, seed);
    print(summary, Duration.ofNanos(System.nanoTime() - started), System.out);
  }

  static void print(Summary s, Duration wallTime, PrintStream out) {
    int reservations = s.counts().values().stream().mapToInt(Integer::intValue).sum();
    out.printf(
        Locale.ROOT,
        "routing simulation: %,d tasks, %,d workers, %,d reservations%n",
        s.tasks(),
        s.workers(),
        reservations);
    out.printf(
        Locale.ROOT,
        "virtual time %s, wall time %d ms (%,.0f reservations/s, after a warm-up run)%n",
        s.virtualTime(),
        wallTime.toMillis(),
        reservations / Math.max(1e-9, wallTime.toNanos() / 1e9));
    out.printf(
        Locale.ROOT,
        "throughput %.2f completed tasks per virtual minute%n",
        s.completed() / Math.max(1e-9, s.virtualTime().toSeconds() / 60.0));
    out.printf(Locale.ROOT, "mean wait before acceptance %.1f s%n", s.meanWaitSeconds());
    s.counts()
        .forEach((status, n) -> out.printf(Locale.ROOT, "  %-10s %,8d%n", status.wireName(), n));
    out.println("busiest task's reservations, first page: " + s.samplePage().query().toUri());
    for (Reservation r : s.samplePage().items()) {
      out.printf(
          Locale.ROOT,
          "  %s %s %-9s %s%n",
          r.sid(),
          r.workerName(),
          r.status().wireName(),
          r.dateCreated());
    }
  }

  private Summary simulate() {
    Instant start = clock.instant();
    double t = 0;
    for (int i = 0; i < taskCount; i++) {
      t += exponential(1 / ARRIVALS_PER_SECOND);
      TaskSid task = new TaskSid(0x7000, i);
      schedule(seconds(t), () -> arrive(task));
    }
    while (!agenda.isEmpty()) {
      Scheduled next = agenda.poll();
      clock.set(next.at());
      next.action().run();
    }
    engine.expireDue();
    Map<ReservationStatus, Integer> counts = new EnumMap<>(ReservationStatus.class);
    for (ReservationStatus status : ReservationStatus.values()) {
      counts.put(status, engine.count(status));
    }
    Page<Reservation> sample =
        engine.list(ReservationQuery.forTask(WORKSPACE, busiestTask).withPageSize(10));
    return new Summary(
        taskCount,
        workerCount,
        completed,
        counts,
        acceptedTasks == 0 ? 0 : totalWaitSeconds / acceptedTasks,
        Duration.between(start, clock.instant()),
        sample);
  }

  private void arrive(TaskSid task) {
    arrivedAt.put(task, clock.instant());
    waiting.add(task);
    dispatch();
  }

  /** Offers waiting tasks to idle workers, two offers per task. */
  private void dispatch() {
    while (!waiting.isEmpty() && !idle.isEmpty()) {
      TaskSid task = waiting.poll();
      int offers = 0;
      while (offers < OFFERS_PER_TASK && !idle.isEmpty()) {
        WorkerSid worker = idle.remove(random.nextInt(idle.size()));
        Reservation r = engine.reserve(WORKSPACE, task, worker, "agent-" + worker.low());
        offers++;
        respond(r);
      }
      openOffers.merge(task, offers, Integer::sum);
      int total = offersMade.merge(task, offers, Integer::sum);
      if (total > busiestOffers) {
        busiestOffers = total;
        busiestTask = task;
      }
    }
  }

  /** The worker's answer to an offer: accept, reject, or silence until the timeout. */
  private void respond(Reservation r) {
    double p = random.nextDouble();
    Instant at = clock.instant().plus(seconds(exponential(MEAN_RESPONSE_SECONDS)));
    if (p < P_ACCEPT) {
      schedule(at, () -> tryMove(r, ReservationStatus.ACCEPTED));
    } else if (p < P_ACCEPT + P_REJECT) {
      schedule(at, () -> tryMove(r, ReservationStatus.REJECTED));
    } else {
      schedule(clock.instant().plus(RESERVATION_TIMEOUT), engine::expireDue);
    }
  }

  /** A worker answers; by then the offer may have been rescinded or timed out. */
  private void tryMove(Reservation r, ReservationStatus target) {
    if (engine.get(r.sid()).status() == ReservationStatus.PENDING) {
      engine.update(r.sid(), target);
    }
  }

  private void onEvent(ReservationEvent event) {
    Reservation r = event.reservation();
    switch (event.type()) {
      case ACCEPTED:
        acceptedTasks++;
        totalWaitSeconds +=
            Duration.between(arrivedAt.get(r.taskSid()), event.at()).toNanos() / 1e9;
        closeOffer(r.taskSid(), false);
        schedule(
            event.at().plus(seconds(exponential(MEAN_SERVICE_SECONDS))),
            () -> engine.wrap(r.sid()));
        break;
      case WRAPUP:
        schedule(
            event.at().plus(seconds(exponential(MEAN_WRAPUP_SECONDS))),
            () -> engine.complete(r.sid()));
        break;
      case COMPLETED:
        completed++;
        release(r.workerSid());
        break;
      case REJECTED:
      case TIMEOUT:
        closeOffer(r.taskSid(), true);
        release(r.workerSid());
        break;
      case RESCINDED:
        closeOffer(r.taskSid(), false);
        release(r.workerSid());
        break;
      default:
        break;
    }
  }

  /** Counts down a task's open offers; a task left with none and not accepted waits again. */
  private void closeOffer(TaskSid task, boolean requeueIfLast) {
    int left = openOffers.merge(task, -1, Integer::sum);
    if (left == 0 && requeueIfLast) {
      waiting.add(task);
    }
  }

  private void release(WorkerSid worker) {
    idle.add(worker);
    schedule(clock.instant(), this::dispatch);
  }

  private void schedule(Duration fromStart, Runnable action) {
    schedule(Instant.parse("2024-01-01T08:00:00Z").plus(fromStart), action);
  }

  private void schedule(Instant at, Runnable action) {
    agenda.add(new Scheduled(at, sequence++, action));
  }

  private double exponential(double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  private record Scheduled(Instant at, long sequence, Runnable action)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled other) {
      int c = at.compareTo(other.at);
      return c != 0 ? c : Long.compare(sequence, other.sequence);
    }
  }

  /** The simulation's clock: it stands still until the agenda moves it. */
  private static final class VirtualClock implements InstantSource {
    private Instant now;

    VirtualClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void set(Instant at) {
      now = at;
    }
  }
}
