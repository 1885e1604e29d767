package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reservations.core.Reservation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A row names its worker's name through a (worker, name) ref; a worker that goes back to a name it
 * used before reuses that name's ref instead of taking a new one, among its eight newest names.
 */
class WorkerNameRefsTest {
  @Test
  void reserve_alternatingNames_reusesTheirRefsAndReadsEachBack() {
    ReservationEngine engine = ReservationEngine.builder().seed(3).build();
    List<Reservation> made = new ArrayList<>();
    for (int t = 0; t < 3_000; t++) {
      made.add(engine.reserve(WS, task(t), worker(0), "name " + (t % 3)));
      made.add(engine.reserve(WS, task(t), worker(1), "other " + (t % 8)));
    }
    assertEquals(3 + 8, engine.table.refWorker.size());
    for (Reservation r : made) {
      assertEquals(r, engine.get(r.sid()));
    }
  }

  @Test
  void reserve_moreNamesThanTheChainLooksAt_takesNewRefsAndStillReadsEachBack() {
    ReservationEngine engine = ReservationEngine.builder().seed(3).build();
    List<Reservation> made = new ArrayList<>();
    for (int t = 0; t < 90; t++) {
      made.add(engine.reserve(WS, task(t), worker(0), "name " + (t % 9)));
    }
    // nine names cycling: each one is the ninth newest when it comes back, past the eight looked at
    assertEquals(90, engine.table.refWorker.size());
    for (Reservation r : made) {
      assertEquals(r, engine.get(r.sid()));
    }
  }
}
