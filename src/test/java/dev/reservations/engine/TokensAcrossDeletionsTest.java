package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationConflictException;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Page tokens across deletions: a walk of every kind of list (task, task and status, task and
 * worker, task, worker and status, worker, worker and status) at page sizes 1, 2 and 50, with
 * random tasks deleted and new reservations made (into the memory the deleted ones freed) between
 * its pages. Every page must be exactly the next matches still there after the previous page, so
 * the walk returns each remaining match once, in list order, and the deleted ones just vanish;
 * walking back from the last page, each page must be the matches still there just before it.
 */
class TokensAcrossDeletionsTest {
  private static final Instant T0 = Instant.parse("2024-09-09T12:00:00Z");
  private static final int TASKS = 200;
  private static final int WORKERS = 6;
  private static final int WIDE_TASK_WORKERS = 130;
  private static final int TRIALS = 6;

  /** The engines this class made, for {@link InvariantsExtension} to check after each test. */
  private final List<ReservationEngine> engines = new ArrayList<>();

  enum Kind {
    TASK,
    TASK_STATUS,
    TASK_WORKER,
    TASK_WORKER_STATUS,
    WORKER,
    WORKER_STATUS
  }

  static Stream<Arguments> cases() {
    return Stream.of(1, 2, 50)
        .flatMap(
            size ->
                Stream.of(Kind.values())
                    .flatMap(
                        kind ->
                            IntStream.range(0, TRIALS)
                                .mapToObj(trial -> Arguments.of(kind, size, trial))));
  }

  /** One engine's reservations, as made and moved, and what has been deleted since. */
  private static final class World {
    final ManualClock clock = new ManualClock(T0);
    final ReservationEngine engine;
    final SplittableRandom random;
    final List<Reservation> all = new ArrayList<>();
    final Set<TaskSid> deleted = new HashSet<>();
    int nextNewTask = 100_000;

    World(long seed) {
      this.random = new SplittableRandom(seed);
      this.engine =
          ReservationEngine.builder()
              .seed(seed)
              .clock(clock)
              .reservationTimeout(Duration.ofDays(1))
              .build();
      // task 0 is wide enough to span pages of 50
      for (int w = 0; w < WIDE_TASK_WORKERS; w++) {
        engine.reserve(WS, task(0), worker(1000 + w), "x");
        tick();
      }
      for (int t = 1; t < TASKS; t++) {
        List<Reservation> made = new ArrayList<>();
        int first = random.nextInt(WORKERS);
        int width = 1 + random.nextInt(4);
        for (int i = 0; i < width; i++) {
          made.add(engine.reserve(WS, task(t), worker((first + i) % WORKERS), "w"));
          tick();
        }
        Reservation one = made.get(random.nextInt(made.size()));
        switch (random.nextInt(6)) {
          case 0:
          case 1:
            engine.accept(one.sid());
            engine.complete(one.sid());
            break;
          case 2:
            engine.accept(one.sid());
            break;
          case 3:
            engine.reject(one.sid());
            break;
          case 4:
            engine.cancelTask(task(t));
            break;
          default:
            break;
        }
      }
      for (int t = 0; t < TASKS; t++) {
        all.addAll(engine.list(ReservationQuery.forTask(WS, task(t)).withPageSize(1000)).items());
      }
      all.sort(World::listOrder);
    }

    private void tick() {
      int step = random.nextInt(4);
      clock.advance(Duration.ofNanos(step == 0 ? 0 : step == 1 ? 1 : random.nextInt(1_000_000)));
    }

    static int listOrder(Reservation x, Reservation y) {
      int byDate = x.dateCreated().compareTo(y.dateCreated());
      if (byDate != 0) {
        return byDate;
      }
      int high = Long.compareUnsigned(x.sid().high(), y.sid().high());
      return high != 0 ? high : Long.compareUnsigned(x.sid().low(), y.sid().low());
    }

    /** The matches of {@code query} still there, in list order. */
    List<Reservation> alive(ReservationQuery query) {
      return all.stream().filter(r -> query.matches(r) && !deleted.contains(r.taskSid())).toList();
    }

    /**
     * Between two pages: deletes up to three random tasks other than {@code keep} (an assigned one
     * is refused and stays), and makes new reservations on new tasks, none for {@code
     * listedWorker}.
     */
    void churn(TaskSid keep, WorkerSid listedWorker) {
      for (int i = random.nextInt(4); i > 0; i--) {
        TaskSid t = task(1 + random.nextInt(TASKS - 1));
        if (t.equals(keep)) {
          continue;
        }
        try {
          int before = engine.size();
          int gone = engine.deleteTask(t).size();
          assertEquals(before - gone, engine.size());
          deleted.add(t);
        } catch (ReservationConflictException assigned) {
          assertTrue(
              all.stream()
                  .anyMatch(r -> r.taskSid().equals(t) && r.status() == ReservationStatus.ACCEPTED),
              () -> "refused to delete " + t + ": " + assigned.getMessage());
        }
      }
      for (int i = random.nextInt(3); i > 0; i--) {
        WorkerSid w = worker(random.nextInt(WORKERS + 2));
        if (!w.equals(listedWorker)) {
          engine.reserve(WS, task(nextNewTask++), w, "new");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} page size {1} trial {2}")
  @MethodSource("cases")
  void walk_withDeletionsBetweenPages_returnsEachRemainingMatchOnceInOrder(
      Kind kind, int pageSize, int trial) {
    long seed = 0xde1e_7e00L + trial * 131L + pageSize * 7L + kind.ordinal();
    World world = new World(seed);
    engines.add(world.engine);
    ReservationQuery query = query(world, kind).withPageSize(pageSize);
    TaskSid listedTask = query.taskSid().orElse(task(-1));
    WorkerSid listedWorker = query.isTaskList() ? worker(-1) : query.workerSid().orElseThrow();
    List<Reservation> initial = world.alive(query);
    assertTrue(initial.size() > 0, "an empty list walks nothing: " + query);
    assertEquals(
        initial, world.engine.list(query.withPageSize(1000)).items(), "the list before the walk");
    // a task list loses its matches only when its own task goes: some walks delete it midway
    int deleteListedAt =
        query.isTaskList() && trial % 3 == 2 ? 1 + world.random.nextInt(3) : Integer.MAX_VALUE;

    List<Reservation> seen = new ArrayList<>();
    List<Page<Reservation>> pages = new ArrayList<>();
    Optional<ReservationQuery> next = Optional.of(query);
    while (next.isPresent()) {
      String where = query + " page " + pages.size() + " (seed " + seed + ")";
      if (!pages.isEmpty()) {
        world.churn(listedTask, listedWorker);
        if (pages.size() == deleteListedAt) {
          world.engine.deleteTask(listedTask);
          world.deleted.add(listedTask);
        }
      }
      Reservation last = seen.isEmpty() ? null : seen.get(seen.size() - 1);
      List<Reservation> remaining =
          world.alive(query).stream()
              .filter(r -> last == null || World.listOrder(r, last) > 0)
              .toList();
      Page<Reservation> page = world.engine.list(next.get());
      assertEquals(remaining.subList(0, Math.min(pageSize, remaining.size())), page.items(), where);
      assertEquals(remaining.size() > pageSize, page.nextPage().isPresent(), where + " next");
      assertEquals(pages.size(), page.pageIndex(), where + " index");
      pages.add(page);
      seen.addAll(page.items());
      next = page.nextPage();
      assertTrue(pages.size() <= initial.size() + 1, "walk does not end: " + where);
    }
    List<Reservation> survivors = world.alive(query);
    assertTrue(seen.containsAll(survivors), "a survivor was skipped: " + query);
    assertEquals(seen.size(), new HashSet<>(seen).size(), "a match was returned twice");
    assertTrue(initial.containsAll(seen), "the walk returned what was never in the list");

    for (int i = pages.size() - 1; i > 0; i--) {
      world.churn(listedTask, listedWorker);
      String where = query + " back from page " + i + " (seed " + seed + ")";
      List<Reservation> from = pages.get(i).items();
      Page<Reservation> back = world.engine.list(pages.get(i).previousPage().orElseThrow());
      if (from.isEmpty()) {
        // the listed task was deleted: nothing is left before or after
        assertEquals(List.of(), back.items(), where);
        continue;
      }
      List<Reservation> before =
          world.alive(query).stream().filter(r -> World.listOrder(r, from.get(0)) < 0).toList();
      assertEquals(
          before.subList(Math.max(0, before.size() - pageSize), before.size()),
          back.items(),
          where);
      assertEquals(i - 1, back.pageIndex(), where + " index");
    }
  }

  /**
   * Tokens whose boundary reservation was deleted and whose memory went to new reservations: two
   * whole table pages of reservations are deleted (a task of 300 among them), the pages are reused
   * by 20,300 new ones (the same task sid started again among them), and walks begun before go on
   * with exactly the matches after their boundary, new ones included, forward and back.
   */
  @Test
  void walk_boundaryDeletedAndItsPageReused_goesOnWithTheMatchesAfterIt() {
    ManualClock clock = new ManualClock(T0);
    ReservationEngine engine =
        ReservationEngine.builder()
            .seed(0x9a9e5L)
            .clock(clock)
            .reservationTimeout(Duration.ofDays(1))
            .build();
    engines.add(engine);
    List<Reservation> all = new ArrayList<>();
    TaskSid wide = task(-7);
    for (int j = 0; j < 300; j++) {
      all.add(engine.reserve(WS, wide, worker(1000 + j), "x"));
    }
    for (int i = 0; i < 50_000; i++) {
      all.add(engine.reserve(WS, task(i), worker(i % 8), "w"));
      if (i % 7 == 0) {
        clock.advance(Duration.ofNanos(1_000));
      }
    }
    List<String> names = List.of("worker", "worker pending, page size 2", "wide task");
    List<Page<Reservation>> firsts = new ArrayList<>();
    for (String name : names) {
      firsts.add(engine.list(reusedPageQuery(name)));
    }
    int pagesBefore = engine.table.pageCount;

    Set<TaskSid> deleted = new HashSet<>();
    engine.deleteTask(wide);
    for (int i = 0; i < 33_000; i++) {
      engine.deleteTask(task(i));
      deleted.add(task(i));
    }
    List<Reservation> gone = new ArrayList<>(all.subList(0, 33_300));
    all.subList(0, 33_300).clear();
    clock.advance(Duration.ofSeconds(1));
    for (int j = 0; j < 300; j++) {
      all.add(engine.reserve(WS, wide, worker(1000 + j), "x"));
    }
    for (int i = 0; i < 20_000; i++) {
      all.add(engine.reserve(WS, task(100_000 + i), worker(i % 8), "w"));
    }

    assertEquals(
        pagesBefore,
        engine.table.pageCount,
        "the new reservations took the freed pages instead of new ones");
    Set<dev.reservations.core.ReservationSid> live = new HashSet<>();
    for (Reservation r : all) {
      assertTrue(live.add(r.sid()), "sid handed out twice: " + r.sid());
    }
    for (Reservation r : gone) {
      assertTrue(!live.contains(r.sid()), "a deleted sid was handed out again: " + r.sid());
    }
    for (int i = 0; i < gone.size(); i += 97) {
      assertEquals(Optional.empty(), engine.find(gone.get(i).sid()), "deleted, its row reused");
    }
    for (int q = 0; q < names.size(); q++) {
      walkOn(engine, names.get(q), firsts.get(q), all, deleted, wide);
    }
  }

  /** Walks on from {@code first}, a page taken before the deletions, forward and back. */
  private static void walkOn(
      ReservationEngine engine,
      String name,
      Page<Reservation> first,
      List<Reservation> all,
      Set<TaskSid> deleted,
      TaskSid wide) {
    ReservationQuery query = first.query();
    Reservation boundary = first.items().get(first.items().size() - 1);
    assertTrue(deleted.contains(boundary.taskSid()) || boundary.taskSid().equals(wide), name);
    List<Reservation> expected =
        all.stream()
            .filter(r -> query.matches(r) && World.listOrder(r, boundary) > 0)
            .sorted(World::listOrder)
            .toList();
    List<Reservation> seen = new ArrayList<>();
    List<Page<Reservation>> pages = new ArrayList<>(List.of(first));
    Optional<ReservationQuery> next = first.nextPage();
    while (next.isPresent()) {
      Page<Reservation> page = engine.list(next.get());
      pages.add(page);
      seen.addAll(page.items());
      next = page.nextPage();
      assertTrue(pages.size() <= expected.size() + 2, "walk does not end: " + name);
    }
    assertEquals(expected, seen, name);
    List<Reservation> matches =
        all.stream().filter(query::matches).sorted(World::listOrder).toList();
    for (int i = pages.size() - 1; i > 1; i--) {
      List<Reservation> from = pages.get(i).items();
      Page<Reservation> back = engine.list(pages.get(i).previousPage().orElseThrow());
      List<Reservation> before =
          matches.stream().filter(r -> World.listOrder(r, from.get(0)) < 0).toList();
      assertEquals(
          before.subList(Math.max(0, before.size() - query.pageSize()), before.size()),
          back.items(),
          name + " back from page " + i);
    }
  }

  private static ReservationQuery reusedPageQuery(String name) {
    switch (name) {
      case "worker":
        return ReservationQuery.forWorker(WS, worker(0));
      case "worker pending, page size 2":
        return ReservationQuery.forWorker(WS, worker(0))
            .withStatus(ReservationStatus.PENDING)
            .withPageSize(2);
      default:
        return ReservationQuery.forTask(WS, task(-7));
    }
  }

  private static ReservationQuery query(World world, Kind kind) {
    SplittableRandom random = world.random;
    Reservation pick;
    if (kind.ordinal() <= Kind.TASK_WORKER_STATUS.ordinal() && random.nextBoolean()) {
      pick = world.all.get(random.nextInt(WIDE_TASK_WORKERS));
    } else {
      pick = world.all.get(random.nextInt(world.all.size()));
    }
    if (!kind.name().startsWith("TASK") && pick.taskSid().equals(task(0))) {
      pick = world.all.stream().filter(r -> !r.taskSid().equals(task(0))).findFirst().orElseThrow();
    }
    switch (kind) {
      case TASK:
        return ReservationQuery.forTask(WS, pick.taskSid());
      case TASK_STATUS:
        return ReservationQuery.forTask(WS, pick.taskSid()).withStatus(pick.status());
      case TASK_WORKER:
        return ReservationQuery.forTask(WS, pick.taskSid()).withWorker(pick.workerSid());
      case TASK_WORKER_STATUS:
        return ReservationQuery.forTask(WS, pick.taskSid())
            .withWorker(pick.workerSid())
            .withStatus(pick.status());
      case WORKER:
        return ReservationQuery.forWorker(WS, pick.workerSid());
      default:
        return ReservationQuery.forWorker(WS, pick.workerSid()).withStatus(pick.status());
    }
  }
}
