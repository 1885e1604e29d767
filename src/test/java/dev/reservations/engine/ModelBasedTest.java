package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.InvalidPageTokenException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationConflictException;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model-based harness (DESIGN.md §6): random operation sequences from a seed, applied to the
 * engine and to {@link ReferenceModel}, compared result by result, event by event, with every index
 * checked against the table after each step. A failure prints its seed and a shrunk operation list.
 * {@code -Dharness.seeds=N} sets how many seeds run (300 in CI). Two seeds in three also delete
 * finished tasks automatically, after a retention drawn from the seed ({@link #retentionOf}).
 */
class ModelBasedTest {
  private static final int OPS = 1500;
  private static final int LONG_OPS = 150_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Instant START = Instant.parse("2024-03-01T09:00:00Z");

  /** One step of a run; reservations are named by creation index, keys by small numbers. */
  sealed interface Op {}

  record Reserve(int ws, int task, int worker, int name, long timeoutMillis) implements Op {}

  /** kind 0: the named method; 1: update; 2: update with the current version; 3: stale. */
  record Move(int reservation, ReservationStatus target, int kind) implements Op {}

  record Cancel(int task) implements Op {}

  record Delete(int task) implements Op {}

  record Advance(long nanos) implements Op {}

  record Expire() implements Op {}

  record Get(int reservation) implements Op {}

  /** tokenMode 0: walk; 1: garbled token; 2: a token of another list. */
  record ListOp(
      boolean taskList, int ws, int key, int status, int worker, int pageSize, int tokenMode)
      implements Op {}

  record Counts() implements Op {}

  static Stream<Long> seeds() {
    int count = Integer.getInteger("harness.seeds", 200);
    return LongStream.range(0, count).map(i -> 0x5eed0000L + i).boxed();
  }

  /** Every configuration of {@link EngineConfig#model()} with every seed. */
  static Stream<Arguments> cases() {
    return EngineConfig.model().flatMap(config -> seeds().map(seed -> Arguments.of(config, seed)));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void randomOperations_matchTheReferenceModel(EngineConfig config, long seed) {
    List<Op> ops = generate(seed);
    String failure = run(config, seed, ops);
    if (failure != null) {
      List<Op> shrunk = shrink(ops, candidate -> run(config, seed, candidate) != null);
      StringBuilder message =
          new StringBuilder()
              .append(config)
              .append(" seed ")
              .append(seed)
              .append(" retention ")
              .append(retentionOf(seed))
              .append(" failed: ")
              .append(failure)
              .append("\nshrunk to ")
              .append(shrunk.size())
              .append(" operations (")
              .append(run(config, seed, shrunk))
              .append("):");
      shrunk.forEach(op -> message.append("\n  ").append(op));
      throw new AssertionError(message.toString());
    }
  }

  static List<Op> generate(long seed) {
    return generate(seed, OPS, 0, 0);
  }

  /**
   * {@code count} operations from {@code seed}, on the seed's tasks and workers plus {@code
   * moreTasks} and {@code moreWorkers}.
   */
  static List<Op> generate(long seed, int count, int moreTasks, int moreWorkers) {
    SplittableRandom random = new SplittableRandom(seed);
    int tasks = 2 + random.nextInt(12) + moreTasks;
    int workers = 2 + random.nextInt(8) + moreWorkers;
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int p = random.nextInt(100);
      if (p < 30) {
        long timeout = random.nextInt(4) == 0 ? 1 + random.nextInt(200_000) : 0;
        ops.add(
            new Reserve(
                random.nextInt(20) == 0 ? 1 : 0,
                random.nextInt(tasks),
                random.nextInt(workers),
                random.nextInt(3),
                timeout));
      } else if (p < 55) {
        ReservationStatus target =
            ReservationStatus.values()[random.nextInt(ReservationStatus.values().length)];
        int kind = random.nextInt(4);
        ops.add(new Move(random.nextInt(1000), target, kind == 0 && !hasMethod(target) ? 1 : kind));
      } else if (p < 57) {
        ops.add(new Cancel(random.nextInt(tasks + 2)));
      } else if (p < 60) {
        ops.add(new Delete(random.nextInt(tasks + 2)));
      } else if (p < 71) {
        long nanos;
        switch (random.nextInt(5)) {
          case 0:
            nanos = 0;
            break;
          case 1:
            nanos = 1 + random.nextInt(1000);
            break;
          case 2:
            nanos = random.nextLong(1, 130_000_000_000L);
            break;
          case 3:
            nanos = -random.nextLong(1, 5_000_000_000L);
            break;
          default:
            nanos = random.nextLong(1, 2_000_000_000L);
        }
        ops.add(new Advance(nanos));
      } else if (p < 73) {
        ops.add(new Expire());
      } else if (p < 78) {
        ops.add(new Get(random.nextInt(10) == 0 ? -1 : random.nextInt(1000)));
      } else if (p < 97) {
        boolean taskList = random.nextBoolean();
        int status = random.nextInt(3) == 0 ? -1 : random.nextInt(8);
        int worker = taskList && random.nextInt(4) == 0 ? random.nextInt(workers) : -1;
        int pageSize = random.nextInt(10) == 0 ? 1 + random.nextInt(1000) : 1 + random.nextInt(6);
        int tokenMode = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
        ops.add(
            new ListOp(
                taskList,
                random.nextInt(15) == 0 ? 1 : 0,
                random.nextInt(taskList ? tasks : workers),
                status,
                worker,
                pageSize,
                tokenMode));
      } else {
        ops.add(new Counts());
      }
    }
    return ops;
  }

  /**
   * The retention after which the engine of {@code seed} deletes finished tasks, or null for none:
   * a third of the seeds keep everything; the rest range from a nanosecond, where a task finished
   * at one instant goes at the next, to a few minutes, several steps of the clock.
   */
  static @Nullable Duration retentionOf(long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x4e7e_a710_0000_0000L);
    switch (random.nextInt(6)) {
      case 0:
      case 1:
        return null;
      case 2:
        return Duration.ofNanos(1 + random.nextInt(1000));
      default:
        return Duration.ofNanos(random.nextLong(1, 300_000_000_000L));
    }
  }

  /** Runs the operations; returns null when engine and model agree throughout. */
  static String run(EngineConfig config, long seed, List<Op> ops) {
    return run(config, seed, ops, retentionOf(seed), 1, new ArrayList<>());
  }

  /**
   * Runs the operations with this retention (null: none), comparing engine and model after every
   * step and checking the engine's invariants after every {@code checkEvery} steps and the last;
   * returns null when they agree throughout. The engine goes to {@code built}.
   */
  static String run(
      EngineConfig config,
      long seed,
      List<Op> ops,
      @Nullable Duration retention,
      int checkEvery,
      List<ReservationEngine> built) {
    ManualClock clock = new ManualClock(START);
    List<ReservationEvent> heard = new ArrayList<>();
    ReservationEngine.Builder builder =
        config.builder(seed, heard).clock(clock).reservationTimeout(TIMEOUT);
    if (retention != null) {
      builder.deleteFinishedTasksAfter(retention);
    }
    ReservationEngine engine = builder.build();
    built.add(engine);
    boolean listening = config.listeners() != EngineConfig.Listeners.NONE;
    Calls calls = new Calls(config, heard);
    ReferenceModel model = new ReferenceModel(engine.accountSid(), TIMEOUT, retention);
    List<ReservationSid> created = new ArrayList<>();
    Set<ReservationSid> handedOut = new HashSet<>();
    int eventsMatched = 0;
    for (int step = 0; step < ops.size(); step++) {
      Op op = ops.get(step);
      try {
        String failure = step(op, engine, model, clock, created, handedOut, calls);
        if (failure == null && listening) {
          // the events matched up to eventsMatched before; compare what came since
          if (heard.size() != model.events.size()
              || !heard
                  .subList(eventsMatched, heard.size())
                  .equals(model.events.subList(eventsMatched, heard.size()))) {
            failure = eventDifference(heard, model.events);
          }
          eventsMatched = heard.size();
        }
        if (failure == null && (step % checkEvery == 0 || step == ops.size() - 1)) {
          EngineInvariants.check(engine);
        }
        if (failure != null) {
          return "step " + step + " " + op + ": " + failure;
        }
      } catch (RuntimeException | AssertionError e) {
        return "step " + step + " " + op + ": " + e;
      }
    }
    return null;
  }

  private static String eventDifference(
      List<ReservationEvent> heard, List<ReservationEvent> expected) {
    int i = 0;
    while (i < heard.size() && i < expected.size() && heard.get(i).equals(expected.get(i))) {
      i++;
    }
    return "event "
        + i
        + " differs:\n engine "
        + (i < heard.size() ? heard.get(i) : "none")
        + "\n model  "
        + (i < expected.size() ? expected.get(i) : "none");
  }

  private static WorkspaceSid ws(int n) {
    return new WorkspaceSid(0x1000, n);
  }

  private static TaskSid task(int n) {
    return new TaskSid(0x2000, n);
  }

  private static WorkerSid worker(int n) {
    return new WorkerSid(0x3000, n);
  }

  private static ReservationSid pick(List<ReservationSid> created, int index) {
    if (index < 0 || created.isEmpty()) {
      return new ReservationSid(0xdead, 0xbeef);
    }
    return created.get(index % created.size());
  }

  private static String step(
      Op op,
      ReservationEngine engine,
      ReferenceModel model,
      ManualClock clock,
      List<ReservationSid> created,
      Set<ReservationSid> handedOut,
      Calls calls) {
    if (op instanceof Advance) {
      clock.advance(Duration.ofNanos(((Advance) op).nanos()));
      return null;
    }
    model.observe(clock.instant());
    if (op instanceof Expire) {
      List<Reservation> expired = model.expire();
      model.deleteDue();
      return same(
          expired,
          calls.change(
              engine::expireDue, during -> reservations(during, ReservationEvent.Type.TIMEOUT)));
    }
    model.expire();
    model.deleteDue();
    calls.applyDueTimeouts(engine);
    if (op instanceof Reserve) {
      Reserve r = (Reserve) op;
      Duration timeout =
          r.timeoutMillis() == 0 || calls.config().timeouts() == EngineConfig.Timeouts.DEFAULT
              ? null
              : Duration.ofMillis(r.timeoutMillis());
      RuntimeException refusal =
          model.reserveRefusal(ws(r.ws()), task(r.task()), worker(r.worker()));
      Object actual =
          calls.change(
              () ->
                  timeout == null
                      ? engine.reserve(
                          ws(r.ws()), task(r.task()), worker(r.worker()), "w" + r.name())
                      : engine.reserve(
                          ws(r.ws()), task(r.task()), worker(r.worker()), "w" + r.name(), timeout),
              during -> during.get(0).reservation());
      if (refusal != null) {
        return sameFailure(refusal, actual);
      }
      if (!(actual instanceof Reservation)) {
        return "engine refused a reserve the model allows: " + actual;
      }
      Reservation got = (Reservation) actual;
      if (!handedOut.add(got.sid())) {
        return "sid collision " + got.sid();
      }
      created.add(got.sid());
      Reservation expected =
          model.reserve(
              got.sid(), ws(r.ws()), task(r.task()), worker(r.worker()), "w" + r.name(), timeout);
      return same(expected, got);
    }
    if (op instanceof Move) {
      Move m = (Move) op;
      ReservationSid sid = pick(created, m.reservation());
      long version = model.row(sid).map(row -> row.version).orElse(0L);
      long expectedVersion = m.kind() == 2 ? version : m.kind() == 3 ? version + 1 : -1;
      boolean client = m.kind() > 0;
      Object expected = model.transition(sid, m.target(), client, expectedVersion);
      Object actual =
          calls.change(
              () ->
                  client
                      ? (expectedVersion >= 0
                          ? engine.update(sid, m.target(), expectedVersion)
                          : engine.update(sid, m.target()))
                      : direct(engine, sid, m.target()),
              during -> during.get(0).reservation());
      return expected instanceof RuntimeException
          ? sameFailure((RuntimeException) expected, actual)
          : same(expected, actual);
    }
    if (op instanceof Cancel) {
      TaskSid task = task(((Cancel) op).task());
      Object expected = model.cancel(task);
      Object actual =
          calls.change(
              () -> engine.cancelTask(task),
              during -> reservations(during, ReservationEvent.Type.CANCELED));
      return expected instanceof RuntimeException
          ? sameFailure((RuntimeException) expected, actual)
          : same(expected, actual);
    }
    if (op instanceof Delete) {
      TaskSid task = task(((Delete) op).task());
      Object expected = model.delete(task);
      Object actual =
          calls.change(
              () -> engine.deleteTask(task),
              during ->
                  reservations(during, ReservationEvent.Type.DELETED).stream()
                      .filter(r -> r.taskSid().equals(task))
                      .toList());
      return expected instanceof RuntimeException
          ? sameFailure((RuntimeException) expected, actual)
          : same(expected, actual);
    }
    if (op instanceof Get) {
      ReservationSid sid = pick(created, ((Get) op).reservation());
      Optional<Reservation> expected = model.row(sid).map(model::view);
      return same(expected, engine.find(sid));
    }
    if (op instanceof Counts) {
      if (engine.size() != model.rows.size()) {
        return "size " + engine.size() + " != " + model.rows.size();
      }
      for (ReservationStatus s : ReservationStatus.values()) {
        if (engine.count(s) != model.count(s)) {
          return "count(" + s + ") " + engine.count(s) + " != " + model.count(s);
        }
      }
      return null;
    }
    return list((ListOp) op, engine, model);
  }

  private static boolean hasMethod(ReservationStatus target) {
    return target != ReservationStatus.PENDING
        && target != ReservationStatus.CANCELED
        && target != ReservationStatus.RESCINDED;
  }

  private static Reservation direct(
      ReservationEngine engine, ReservationSid sid, ReservationStatus target) {
    switch (target) {
      case ACCEPTED:
        return engine.accept(sid);
      case REJECTED:
        return engine.reject(sid);
      case TIMEOUT:
        return engine.timeout(sid);
      case WRAPPING:
        return engine.wrap(sid);
      case COMPLETED:
        return engine.complete(sid);
      default:
        throw new AssertionError(target);
    }
  }

  private static String list(ListOp op, ReservationEngine engine, ReferenceModel model) {
    ReservationQuery query =
        op.taskList()
            ? ReservationQuery.forTask(ws(op.ws()), task(op.key()))
            : ReservationQuery.forWorker(ws(op.ws()), worker(op.key()));
    if (op.status() >= 0) {
      query = query.withStatus(ReservationStatus.values()[op.status()]);
    }
    if (op.worker() >= 0) {
      query = query.withWorker(worker(op.worker()));
    }
    query = query.withPageSize(op.pageSize());
    List<Reservation> expected = model.matches(query);
    int counted = engine.count(query);
    if (counted != expected.size()) {
      return "count " + counted + " != " + expected.size() + " matches of " + query;
    }
    List<String> scanned = new ArrayList<>();
    engine.scan(
        query,
        c ->
            scanned.add(
                c.sid()
                    + " "
                    + c.status()
                    + " v"
                    + c.version()
                    + " "
                    + c.dateCreatedNanos()
                    + " "
                    + c.dateUpdatedNanos()
                    + " "
                    + c.workerName()
                    + " "
                    + new TaskSid(c.taskHigh(), c.taskLow())
                    + " "
                    + new WorkerSid(c.workerHigh(), c.workerLow())));
    List<String> expectedScan =
        expected.stream()
            .map(
                r ->
                    r.sid()
                        + " "
                        + r.status()
                        + " v"
                        + r.version()
                        + " "
                        + nanos(r.dateCreated())
                        + " "
                        + nanos(r.dateUpdated())
                        + " "
                        + r.workerName()
                        + " "
                        + r.taskSid()
                        + " "
                        + r.workerSid())
            .toList();
    if (!scanned.equals(expectedScan)) {
      return "scan " + same(expectedScan, scanned);
    }
    if (op.tokenMode() > 0) {
      String token = op.tokenMode() == 1 ? "PA" + "x".repeat(43) : foreignToken(engine, query);
      if (token == null) {
        return null;
      }
      ReservationQuery bad = query.withPageToken(token);
      Object actual = outcome(() -> engine.list(bad));
      return actual instanceof InvalidPageTokenException
          ? null
          : "expected an invalid token refusal, got " + actual;
    }
    List<Page<Reservation>> pages = new ArrayList<>();
    List<Reservation> seen = new ArrayList<>();
    Optional<ReservationQuery> next = Optional.of(query);
    while (next.isPresent()) {
      Page<Reservation> page = engine.list(next.get());
      if (page.pageIndex() != pages.size()) {
        return "page index " + page.pageIndex() + " at page " + pages.size();
      }
      if (page.items().isEmpty() && !expected.isEmpty()) {
        return "empty page " + pages.size() + " in a list of " + expected.size();
      }
      if ((pages.size() == 0) == page.previousPage().isPresent()) {
        return "previous link on page " + pages.size() + ": " + page.previousPage();
      }
      pages.add(page);
      seen.addAll(page.items());
      next = page.nextPage();
      if (pages.size() > expected.size() + 1) {
        return "walk does not end";
      }
    }
    String failure = same(expected, seen);
    if (failure != null) {
      return "walk " + failure;
    }
    for (int i = pages.size() - 1; i > 0; i--) {
      Page<Reservation> back = engine.list(pages.get(i).previousPage().orElseThrow());
      if (!back.items().equals(pages.get(i - 1).items())
          || back.pageIndex() != pages.get(i - 1).pageIndex()) {
        return "walking back from page "
            + i
            + " gave "
            + back.items()
            + " not "
            + pages.get(i - 1).items();
      }
    }
    return null;
  }

  /** A token the engine issued for another list (another status filter), or null if none. */
  private static String foreignToken(ReservationEngine engine, ReservationQuery query) {
    ReservationQuery other =
        query.status().isPresent()
            ? query.withoutStatus()
            : query.withStatus(ReservationStatus.PENDING);
    return engine
        .list(other.withPageSize(1))
        .nextPage()
        .flatMap(ReservationQuery::pageToken)
        .orElse(null);
  }

  /** The reservations of the events of one type, in the order they were heard. */
  private static List<Reservation> reservations(
      List<ReservationEvent> events, ReservationEvent.Type type) {
    return events.stream()
        .filter(e -> e.type() == type)
        .map(ReservationEvent::reservation)
        .toList();
  }

  /**
   * Engine calls under one configuration. Under {@link EngineConfig.Listeners#THROWING} every
   * change rethrows the listener's failure after its commit, so a change's result is taken from the
   * events heard during the call instead, and the timeouts due are applied up front by a read whose
   * rethrown failure is dropped; whatever the engine returns or refuses is kept as it is otherwise.
   */
  record Calls(EngineConfig config, List<ReservationEvent> heard) {
    Object change(Supplier<Object> call, Function<List<ReservationEvent>, Object> fromEvents) {
      int before = heard.size();
      try {
        return call.get();
      } catch (EngineConfig.ListenerFailure failure) {
        if (config.listeners() != EngineConfig.Listeners.THROWING) {
          return failure;
        }
        return fromEvents.apply(List.copyOf(heard.subList(before, heard.size())));
      } catch (RuntimeException e) {
        return e;
      }
    }

    void applyDueTimeouts(ReservationEngine engine) {
      if (config.listeners() == EngineConfig.Listeners.THROWING) {
        try {
          engine.size();
        } catch (EngineConfig.ListenerFailure expected) {
          // the timeouts are applied and their events heard; only the rethrow is dropped
        }
      }
    }
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static Object outcome(Supplier<Object> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static String same(Object expected, Object actual) {
    return Objects.equals(expected, actual)
        ? null
        : "\n expected " + expected + "\n actual   " + actual;
  }

  private static String sameFailure(RuntimeException expected, Object actual) {
    if (actual == null || actual.getClass() != expected.getClass()) {
      return "expected " + expected + ", got " + actual;
    }
    if (expected instanceof ReservationConflictException) {
      return Objects.equals(
              ((ReservationConflictException) expected).reason(),
              ((ReservationConflictException) actual).reason())
          ? null
          : "conflict reason: " + actual;
    }
    if (expected instanceof IllegalArgumentException) {
      return null;
    }
    if (expected instanceof IllegalTransitionException) {
      IllegalTransitionException e = (IllegalTransitionException) expected;
      IllegalTransitionException a = (IllegalTransitionException) actual;
      return e.from() == a.from() && e.to() == a.to() ? null : "transition: " + actual;
    }
    return Objects.equals(expected.getMessage(), ((RuntimeException) actual).getMessage())
        ? null
        : "message: " + actual;
  }

  /** Removes chunks, then single operations, while {@code fails} still holds. */
  static List<Op> shrink(List<Op> ops, Predicate<List<Op>> fails) {
    List<Op> current = new ArrayList<>(ops);
    for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk /= 2) {
      for (int start = 0; start + chunk <= current.size(); ) {
        List<Op> candidate = new ArrayList<>(current.subList(0, start));
        candidate.addAll(current.subList(start + chunk, current.size()));
        if (fails.test(candidate)) {
          current = candidate;
        } else {
          start += chunk;
        }
      }
    }
    return current;
  }

  /**
   * One long run, on many tasks and workers with a short retention, in which reservations are made
   * and deleted over more than two table pages: the freed pages are reused by new reservations
   * under the model's eye. Invariants are checked every 500 steps (each check walks the live
   * pages). Not shrunk: a failure names its step.
   */
  @Test
  void longRun_tablePagesFreedAndReused_matchesTheReferenceModel() {
    long seed = 0x10e6_0000L;
    EngineConfig config =
        new EngineConfig(EngineConfig.Listeners.VALIDATING, EngineConfig.Timeouts.MIXED, 0);
    List<ReservationEngine> built = new ArrayList<>();
    // nine list walks in ten are left out: on lists this long they would take most of the time
    List<Op> ops = new ArrayList<>();
    for (Op op : generate(seed, LONG_OPS, 150, 40)) {
      if (!(op instanceof ListOp) || ops.size() % 10 == 0) {
        ops.add(op);
      }
    }
    String failure = run(config, seed, ops, Duration.ofSeconds(20), 1000, built);
    if (failure != null) {
      throw new AssertionError(config + " seed " + seed + " long run failed: " + failure);
    }
    ReservationTable table = built.get(0).table;
    long made = table.nextSeq;
    assertTrue(made > 2L * ReservationTable.PAGE_ROWS, "reservations made: " + made);
    assertTrue(
        table.pageCount < (made + ReservationTable.PAGE_ROWS - 1) / ReservationTable.PAGE_ROWS,
        "physical pages " + table.pageCount + " for " + made + " reservations made");
  }

  @Test
  void shrink_failingPair_keepsOnlyThePair() {
    List<Op> ops = new ArrayList<>(generate(7));
    ops.add(100, new Cancel(99));
    ops.add(300, new Expire());
    Predicate<List<Op>> fails =
        candidate ->
            candidate.contains(new Cancel(99))
                && candidate
                    .subList(candidate.indexOf(new Cancel(99)), candidate.size())
                    .contains(new Expire());
    List<Op> shrunk = shrink(ops, fails);
    assertEquals(List.of(new Cancel(99), new Expire()), shrunk);
  }
}
