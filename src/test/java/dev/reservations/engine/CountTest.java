package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.WS2;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.ReservationQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code count(query)}: the matches of a list, as many as a walk of its pages returns. */
@ParameterizedClass
@MethodSource("dev.reservations.engine.EngineConfig#behaviour")
class CountTest {
  private final ManualClock clock = ManualClock.at("2024-01-01T00:00:00Z");
  private final ContractEngine engine;

  CountTest(EngineConfig config) {
    this.engine = new ContractEngine(config, 31, clock, ContractEngine.TWO_MINUTES);
  }

  private int walked(ReservationQuery query) {
    List<Reservation> seen = new ArrayList<>();
    ReservationQuery next = query.withPageSize(7);
    while (next != null) {
      var page = engine.list(next);
      seen.addAll(page.items());
      next = page.nextPage().orElse(null);
    }
    return seen.size();
  }

  @Test
  void count_everyFilterOfABusyWorkerAndItsTasks_equalsTheWalk() {
    List<Reservation> made = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      made.add(engine.reserve(WS, task(i), worker(1), "w"));
      engine.reserve(WS, task(i), worker(2 + i % 3), "v");
    }
    for (int j = 0; j < 25; j++) {
      engine.reserve(WS, task(j % 2 == 0 ? 0 : 2), worker(10 + j), "x");
    }
    engine.accept(made.get(0).sid());
    engine.reject(made.get(10).sid());
    engine.complete(engine.accept(made.get(20).sid()).sid());
    List<ReservationQuery> queries = new ArrayList<>();
    queries.add(ReservationQuery.forWorker(WS, worker(1)));
    queries.add(ReservationQuery.forWorker(WS, worker(3)));
    queries.add(ReservationQuery.forTask(WS, task(0)));
    queries.add(ReservationQuery.forTask(WS, task(2)).withWorker(worker(1)));
    queries.add(ReservationQuery.forTask(WS, task(2)).withWorker(worker(4)));
    queries.add(ReservationQuery.forTask(WS, task(0)).withWorker(worker(12)));
    for (ReservationQuery q : List.copyOf(queries)) {
      for (ReservationStatus s : ReservationStatus.values()) {
        queries.add(q.withStatus(s));
      }
    }
    for (ReservationQuery q : queries) {
      assertEquals(walked(q), engine.count(q), q.toUri());
    }
    assertEquals(60, engine.count(ReservationQuery.forWorker(WS, worker(1))));
    assertEquals(
        1,
        engine.count(
            ReservationQuery.forWorker(WS, worker(1)).withStatus(ReservationStatus.COMPLETED)));
  }

  @Test
  void count_ignoresPageSizePageAndToken() {
    for (int i = 0; i < 5; i++) {
      engine.reserve(WS, task(1), worker(i), "w");
    }
    ReservationQuery q = ReservationQuery.forTask(WS, task(1));
    ReservationQuery second = engine.list(q.withPageSize(2)).nextPage().orElseThrow();
    assertEquals(5, engine.count(second));
    assertEquals(5, engine.count(q.withPage(9).withPageSize(1)));
  }

  @Test
  void count_unknownKeysAndOtherWorkspace_isZero() {
    engine.reserve(WS, task(1), worker(1), "w");
    engine.cancelTask(task(2));
    assertEquals(0, engine.count(ReservationQuery.forTask(WS, task(9))));
    assertEquals(0, engine.count(ReservationQuery.forTask(WS, task(2))));
    assertEquals(0, engine.count(ReservationQuery.forTask(WS2, task(1))));
    assertEquals(0, engine.count(ReservationQuery.forWorker(WS2, worker(1))));
    assertEquals(0, engine.count(ReservationQuery.forTask(WS, task(1)).withWorker(worker(9))));
  }

  @Test
  void count_nullQuery_isNpeNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> engine.count((ReservationQuery) null));
    assertEquals("query", e.getMessage());
  }
}
