package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the engine hands out cannot be used to change it, and never changes afterwards. */
class ReturnedDataTest {
  private final SteppingClock clock = new SteppingClock(EngineOperations.START);
  private final ReservationEngine engine =
      ReservationEngine.builder()
          .seed(3)
          .clock(clock)
          .reservationTimeout(Duration.ofSeconds(10))
          .build();

  @Test
  void returnedLists_areUnmodifiable() {
    Reservation a = engine.reserve(Fixtures.WS, Fixtures.task(0), Fixtures.worker(0), "a");
    engine.reserve(Fixtures.WS, Fixtures.task(1), Fixtures.worker(0), "a");
    List<Reservation> items =
        engine.list(ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(0))).items();
    List<Reservation> canceled = engine.cancelTask(Fixtures.task(0));
    clock.advance(Duration.ofSeconds(11));
    List<Reservation> expired = engine.expireDue();
    assertEquals(1, expired.size());
    for (List<Reservation> list : List.of(items, canceled, expired)) {
      assertThrows(UnsupportedOperationException.class, () -> list.add(a));
      assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
      assertThrows(UnsupportedOperationException.class, () -> list.set(0, a));
      assertThrows(UnsupportedOperationException.class, list::clear);
    }
    assertEquals(ReservationStatus.CANCELED, engine.get(a.sid()).status());
  }

  @Test
  void reservationTakenBeforeAChange_isUnchangedAfterIt() {
    Reservation before = engine.reserve(Fixtures.WS, Fixtures.task(0), Fixtures.worker(0), "a");
    Reservation copy =
        new Reservation(
            before.sid(),
            before.accountSid(),
            before.workspaceSid(),
            before.taskSid(),
            before.workerSid(),
            before.workerName(),
            before.status(),
            before.dateCreated(),
            before.dateUpdated(),
            before.version());
    List<Reservation> page =
        engine.list(ReservationQuery.forTask(Fixtures.WS, Fixtures.task(0))).items();
    clock.advance(Duration.ofSeconds(1));
    engine.accept(before.sid());
    engine.wrap(before.sid());
    assertEquals(copy, before);
    assertEquals(List.of(copy), page);
    assertEquals(2, engine.get(before.sid()).version());
  }
}
