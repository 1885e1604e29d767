package dev.reservations.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every competitor, built from the same seeded data set, returns the same pages for the same
 * queries: the same reservations (by creation ordinal, since each store makes its own sids) with
 * the same statuses, in the same order, page after page through the tokens; and the same writes
 * (accept with rescinds, wrap, complete, expiry) change the same reservations. Both data shapes;
 * both CQEngine setups, the expert one through both of its paths (sorting a small bucket, walking
 * the date index for a large one).
 */
class StoresAgreeTest {
  private static final int N = 4_000;

  private final Map<Competitor, Loaded> stores = new EnumMap<>(Competitor.class);
  private Dataset data;

  /** A store with its clock and the creation ordinal of each of its sids. */
  private static final class Loaded {
    final MutableClock clock = new MutableClock();
    final Map<ReservationSid, Integer> ordinals = new HashMap<>();
    final List<ReservationSid> sids = new ArrayList<>();
    ReservationStore store;

    void created(ReservationSid sid) {
      ordinals.put(sid, sids.size());
      sids.add(sid);
    }
  }

  @BeforeEach
  void load() {
    load(Dataset.Shape.SKEWED);
  }

  private void load(Dataset.Shape shape) {
    close();
    stores.clear();
    data = Dataset.create(N, shape, Dataset.SEED);
    for (Competitor c : Competitor.values()) {
      Loaded l = new Loaded();
      l.store = c.create(data.workspace(), l.clock, Dataset.SEED);
      data.load(l.store, l.clock, l::created);
      stores.put(c, l);
    }
  }

  @AfterEach
  void close() {
    stores.values().forEach(l -> l.store.close());
  }

  @Test
  void bulkLoadsGiveTheSamePages() {
    for (Competitor c : Competitor.values()) {
      if (c == Competitor.ENGINE) {
        continue;
      }
      Loaded api = stores.get(c);
      Loaded bulk = new Loaded();
      bulk.store = c.create(data.workspace(), bulk.clock, Dataset.SEED);
      data.fill(bulk.store, bulk.clock);
      assertEquals(api.clock.nanos(), bulk.clock.nanos());
      assertEquals(N, bulk.store.size());
      try {
        for (int w = 0; w < data.workerCount(); w += 11) {
          ReservationQuery q = ReservationQuery.forWorker(data.workspace(), data.worker(w))
              .withPageSize(9);
          assertEquals(contents(api, q), contents(bulk, q), c + " " + q);
        }
        for (int t = 0; t < data.taskCount(); t += 13) {
          ReservationQuery q = ReservationQuery.forTask(data.workspace(), data.task(t));
          assertEquals(contents(api, q), contents(bulk, q), c + " " + q);
        }
      } finally {
        bulk.store.close();
      }
    }
  }

  /** Every item of every page, all fields but the sid and the account. */
  private static List<String> contents(Loaded l, ReservationQuery query) {
    List<String> items = new ArrayList<>();
    Optional<ReservationQuery> next = Optional.of(query);
    while (next.isPresent()) {
      Page<Reservation> page = l.store.list(next.get());
      for (Reservation r : page.items()) {
        items.add(r.taskSid() + " " + r.workerSid() + " " + r.workerName() + " " + r.status()
            + " " + r.dateCreated() + " " + r.dateUpdated() + " " + r.version());
      }
      next = page.nextPage();
    }
    return items;
  }

  @Test
  void uniformShapeListsAgree() {
    load(Dataset.Shape.UNIFORM);
    assertEquals(1000, data.workerCount());
    everyStoreHoldsTheDataSet();
    taskListsAgree();
    workerListsAgree();
    reservationsOfCountsEachWorkersHistory();
  }

  @Test
  void expertWalksTheDateIndexForLargeBucketsOnly() {
    // the busiest worker's history is walked in date order, page after page; a quiet one's sorted
    assertTrue(CqEngineStore.indexOrders(data.reservationsOf(0), 51, N),
        "worker 0: " + data.reservationsOf(0));
    assertTrue(CqEngineStore.indexOrders(data.reservationsOf(0), 8, N));
    assertFalse(CqEngineStore.indexOrders(data.reservationsOf(500), 51, N),
        "worker 500: " + data.reservationsOf(500));
    assertFalse(CqEngineStore.indexOrders(1, 2, N));
    for (int w : new int[] {0, 1, 2, 500}) {
      ReservationQuery q = ReservationQuery.forWorker(data.workspace(), data.worker(w));
      assertAgree(q);
      assertAgree(q.withPageSize(7));
    }
  }

  @Test
  void lifecycleAgrees() {
    TaskSid task = data.newTask();
    for (Map.Entry<Competitor, Loaded> e : stores.entrySet()) {
      Loaded l = e.getValue();
      List<ReservationSid> made = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        l.clock.advance(Duration.ofMillis(1));
        ReservationSid sid = l.store.reserve(task, data.worker(k), data.workerName(k),
            Dataset.LONG_TIMEOUT).sid();
        l.created(sid);
        made.add(sid);
      }
      l.clock.advance(Duration.ofMillis(1));
      assertEquals(ReservationStatus.ACCEPTED, l.store.accept(made.get(1)).status());
      l.clock.advance(Duration.ofMillis(1));
      Reservation wrapped = l.store.move(made.get(1), ReservationStatus.WRAPPING);
      assertEquals(ReservationStatus.WRAPPING, wrapped.status(), e.getKey().name());
      assertEquals(2, wrapped.version(), e.getKey().name());
      l.clock.advance(Duration.ofMillis(1));
      Reservation completed = l.store.move(made.get(1), ReservationStatus.COMPLETED);
      assertEquals(ReservationStatus.COMPLETED, completed.status(), e.getKey().name());
      assertEquals(l.clock.instant(), completed.dateUpdated(), e.getKey().name());
    }
    ReservationQuery q = ReservationQuery.forTask(data.workspace(), task);
    assertEquals(List.of("page 0: " + N + "=RESCINDED " + (N + 1) + "=COMPLETED " + (N + 2)
        + "=RESCINDED"), walk(stores.get(Competitor.ENGINE), q));
    assertAgree(q);
    assertAgree(ReservationQuery.forWorker(data.workspace(), data.worker(1)));
  }

  @Test
  void everyStoreHoldsTheDataSet() {
    for (Loaded l : stores.values()) {
      assertEquals(N, l.store.size());
    }
  }

  @Test
  void taskListsAgree() {
    for (int t = 0; t < data.taskCount(); t += 7) {
      ReservationQuery q = ReservationQuery.forTask(data.workspace(), data.task(t));
      assertAgree(q.withPageSize(3));
      for (ReservationStatus s : ReservationStatus.values()) {
        assertAgree(q.withStatus(s));
      }
    }
  }

  @Test
  void workerListsAgree() {
    for (int w = 0; w < data.workerCount(); w += w < 20 ? 1 : 37) {
      ReservationQuery q = ReservationQuery.forWorker(data.workspace(), data.worker(w));
      assertAgree(q);
      assertAgree(q.withPageSize(7));
      assertAgree(q.withStatus(ReservationStatus.PENDING).withPageSize(2));
      assertAgree(q.withStatus(ReservationStatus.COMPLETED).withPageSize(13));
    }
  }

  @Test
  void reservationsOfCountsEachWorkersHistory() {
    for (int w = 0; w < data.workerCount(); w += w < 20 ? 1 : 37) {
      ReservationQuery q = ReservationQuery.forWorker(data.workspace(), data.worker(w));
      for (Map.Entry<Competitor, Loaded> e : stores.entrySet()) {
        String what = e.getKey() + " worker " + w;
        assertEquals(data.reservationsOf(w), contents(e.getValue(), q).size(), what);
        assertEquals(data.reservationsOf(w) > 50,
            e.getValue().store.list(q.withPageSize(50)).nextPage().isPresent(), what);
      }
    }
  }

  @Test
  void busiestWorkerHasSeveralPages() {
    Page<Reservation> first = stores.get(Competitor.ENGINE).store
        .list(ReservationQuery.forWorker(data.workspace(), data.worker(0)));
    assertEquals(50, first.items().size());
    assertTrue(first.nextPage().isPresent());
  }

  @Test
  void acceptAndExpiryAgree() {
    SplittableRandom random = new SplittableRandom(7);
    List<Integer> pendingOrdinals = new ArrayList<>();
    Loaded engine = stores.get(Competitor.ENGINE);
    for (int i = 0; i < N; i++) {
      Reservation r = ((EngineStore) engine.store).engine().get(engine.sids.get(i));
      if (r.status() == ReservationStatus.PENDING) {
        pendingOrdinals.add(i);
      }
    }
    assertTrue(pendingOrdinals.size() > 10, "pending: " + pendingOrdinals.size());
    int accepted = pendingOrdinals.get(random.nextInt(pendingOrdinals.size()));
    TaskSid extra = data.newTask();
    Map<Competitor, List<Integer>> expired = new EnumMap<>(Competitor.class);
    for (Map.Entry<Competitor, Loaded> e : stores.entrySet()) {
      Loaded l = e.getValue();
      l.clock.advance(Duration.ofMillis(1));
      Reservation r = l.store.accept(l.sids.get(accepted));
      assertEquals(ReservationStatus.ACCEPTED, r.status());
      for (int k = 0; k < 3; k++) {
        l.clock.advance(Duration.ofMillis(1));
        l.created(l.store.reserve(extra, data.worker(10 + k), data.workerName(10 + k),
            Duration.ofMillis(10 - 2 * k)).sid());
      }
      l.clock.advance(Duration.ofMillis(20));
      List<Integer> ordinals = new ArrayList<>();
      for (Reservation x : l.store.expireDue()) {
        assertEquals(ReservationStatus.TIMEOUT, x.status());
        ordinals.add(l.ordinals.get(x.sid()));
      }
      expired.put(e.getKey(), ordinals);
    }
    assertEquals(List.of(N + 2, N + 1, N), expired.get(Competitor.ENGINE));
    for (Competitor c : Competitor.values()) {
      assertEquals(expired.get(Competitor.ENGINE), expired.get(c), c.name());
    }
    Reservation r = engine.store.list(ReservationQuery.forWorker(data.workspace(),
        data.worker(0))).items().get(0);
    assertAgree(ReservationQuery.forTask(data.workspace(), r.taskSid()));
    taskListsAgree();
  }

  /** Walks every page of {@code query} in each store and compares with the engine's walk. */
  private void assertAgree(ReservationQuery query) {
    List<String> expected = walk(stores.get(Competitor.ENGINE), query);
    for (Map.Entry<Competitor, Loaded> e : stores.entrySet()) {
      assertEquals(expected, walk(e.getValue(), query), e.getKey() + " " + query);
    }
  }

  private static List<String> walk(Loaded l, ReservationQuery query) {
    List<String> pages = new ArrayList<>();
    Optional<ReservationQuery> next = Optional.of(query);
    while (next.isPresent()) {
      Page<Reservation> page = l.store.list(next.get());
      StringBuilder b = new StringBuilder("page " + page.pageIndex() + ":");
      for (Reservation r : page.items()) {
        b.append(' ').append(l.ordinals.get(r.sid())).append('=').append(r.status());
      }
      b.append(page.previousPage().isPresent() ? " prev" : "");
      pages.add(b.toString());
      next = page.nextPage();
    }
    return pages;
  }
}
