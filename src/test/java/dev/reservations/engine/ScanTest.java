package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.WS2;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code scan}: every reservation of a list, field by field, as a walk of its pages sees it. */
@ParameterizedClass
@MethodSource("dev.reservations.engine.EngineConfig#behaviour")
class ScanTest {
  private final ManualClock clock = ManualClock.at("2024-01-01T00:00:00Z");
  private final ContractEngine engine;

  ScanTest(EngineConfig config) {
    this.engine = new ContractEngine(config, 41, clock, ContractEngine.TWO_MINUTES);
  }

  /** The reservation a cursor shows, rebuilt from its primitive fields. */
  private Reservation rebuilt(ReservationCursor c) {
    return new Reservation(
        new ReservationSid(c.sidHigh(), c.sidLow()),
        engine.accountSid(),
        WS,
        new TaskSid(c.taskHigh(), c.taskLow()),
        new WorkerSid(c.workerHigh(), c.workerLow()),
        c.workerName(),
        c.status(),
        instant(c.dateCreatedNanos()),
        instant(c.dateUpdatedNanos()),
        c.version());
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private List<Reservation> walked(ReservationQuery query) {
    List<Reservation> seen = new ArrayList<>();
    ReservationQuery next = query.withPageSize(1000);
    while (next != null) {
      var page = engine.list(next);
      seen.addAll(page.items());
      next = page.nextPage().orElse(null);
    }
    return seen;
  }

  @Test
  void scan_largeListsWithFilters_visitsWhatAWalkReturnsInOrder() {
    for (int i = 0; i < 2500; i++) {
      Reservation r =
          i % 7 == 0
              ? engine.reserve(WS, task(1000 + i), worker(1), "w")
              : engine.reserve(WS, task(i % 40), worker(2 + i), "w" + i % 5);
      if (i % 3 == 0) {
        engine.reject(r.sid());
      }
      clock.advance(Duration.ofNanos(1 + i % 3));
    }
    List<ReservationQuery> queries =
        List.of(
            ReservationQuery.forWorker(WS, worker(1)),
            ReservationQuery.forWorker(WS, worker(1)).withStatus(ReservationStatus.REJECTED),
            ReservationQuery.forTask(WS, task(3)),
            ReservationQuery.forTask(WS, task(3)).withWorker(worker(5)),
            ReservationQuery.forTask(WS, task(3)).withWorker(worker(1)),
            ReservationQuery.forTask(WS, task(3)).withStatus(ReservationStatus.PENDING),
            ReservationQuery.forTask(WS2, task(3)),
            ReservationQuery.forWorker(WS, worker(999)));
    for (ReservationQuery q : queries) {
      List<Reservation> visited = new ArrayList<>();
      int n = engine.scan(q, c -> visited.add(rebuilt(c)));
      List<Reservation> expected = walked(q);
      assertEquals(expected, visited, q.toUri());
      assertEquals(expected.size(), n);
      assertEquals(engine.count(q), n);
    }
  }

  @Test
  void scan_visitorChangesTheEngine_isRefusedAndChangesNothing() {
    engine.reserve(WS, task(1), worker(1), "w");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                engine.scan(
                    ReservationQuery.forTask(WS, task(1)),
                    c -> engine.reserve(WS, task(2), worker(2), "v")));
    assertEquals(
        "a scan's visitor must not change the engine, nor let timeouts fall due: the "
            + "engine is being scanned",
        e.getMessage());
    assertEquals(1, engine.size());
    assertEquals(1, engine.scan(ReservationQuery.forTask(WS, task(1)), c -> engine.size()));
  }

  @Test
  void scan_cursorReadAfterTheVisit_isIllegalState() {
    engine.reserve(WS, task(1), worker(1), "w");
    List<ReservationCursor> kept = new ArrayList<>();
    engine.scan(ReservationQuery.forTask(WS, task(1)), kept::add);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get(0).status());
    assertEquals(
        "a reservation cursor is valid only inside ReservationVisitor.visit", e.getMessage());
  }

  @Test
  void scan_visitorThrows_endsTheScanWithItsException() {
    for (int i = 0; i < 3; i++) {
      engine.reserve(WS, task(1), worker(i), "w");
    }
    int[] seen = {0};
    RuntimeException boom = new IllegalArgumentException("stop");
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                engine.scan(
                    ReservationQuery.forTask(WS, task(1)),
                    c -> {
                      seen[0]++;
                      throw boom;
                    }));
    assertEquals(boom, thrown);
    assertEquals(1, seen[0]);
    assertEquals(3, engine.size());
  }
}
