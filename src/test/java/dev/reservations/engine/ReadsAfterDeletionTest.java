package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reservations.core.Reservation;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A deletion that takes the reservation at the head of the deadline queue leaves nothing due: a
 * scan's visitor may still read the engine, which it may not if a timeout fell due.
 */
class ReadsAfterDeletionTest {
  @Test
  void scan_afterAutomaticDeletionOfTheOldestDeadline_visitorReadsTheEngine() {
    ManualClock clock = ManualClock.at("2024-01-01T00:00:00Z");
    ReservationEngine engine =
        ReservationEngine.builder()
            .seed(8)
            .clock(clock)
            .deleteFinishedTasksAfter(Duration.ofSeconds(10))
            .build();
    Reservation first = engine.reserve(WS, task(1), worker(1), "w");
    engine.accept(first.sid());
    engine.complete(first.sid());
    Reservation second = engine.reserve(WS, task(2), worker(1), "w");
    clock.advance(Duration.ofSeconds(20));

    assertEquals(List.of(second), visitorFinds(engine, second));
    assertEquals(Optional.empty(), engine.find(first.sid()));
  }

  @Test
  void scan_afterDeleteTaskOfTheOldestDeadline_visitorReadsTheEngine() {
    ManualClock clock = ManualClock.at("2024-01-01T00:00:00Z");
    ReservationEngine engine = ReservationEngine.builder().seed(8).clock(clock).build();
    Reservation first = engine.reserve(WS, task(1), worker(1), "w");
    engine.reject(first.sid());
    Reservation second = engine.reserve(WS, task(2), worker(1), "w");
    engine.deleteTask(task(1));

    assertEquals(List.of(second), visitorFinds(engine, second));
  }

  /** What a visitor finds of {@code wanted} from inside a scan of its worker's list. */
  private static List<Reservation> visitorFinds(ReservationEngine engine, Reservation wanted) {
    List<Reservation> found = new ArrayList<>();
    engine.scan(
        ReservationQuery.forWorker(WS, worker(1)),
        cursor -> engine.find(wanted.sid()).ifPresent(found::add));
    return found;
  }
}
