package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * More tasks than one page of {@link KeyIndex} blocks holds ({@value KeyIndex#PAGE} ints, four per
 * key), with tasks of one to six reservations, so that blocks on every page fill, spill and split,
 * and lists read them back in order.
 */
class ManyKeysTest {
  private static final int TASKS = 2 * KeyIndex.PAGE / KeyIndex.INLINE + 1_000;

  @Test
  void tasksOnEveryPageOfBlocksListTheirReservationsInOrder() {
    ManualClock clock = ManualClock.at("2024-01-01T00:00:00Z");
    ReservationEngine engine = ReservationEngine.builder().seed(5).clock(clock).build();
    SplittableRandom random = new SplittableRandom(5);
    List<List<Reservation>> byTask = new ArrayList<>();
    for (int t = 0; t < TASKS; t++) {
      List<Reservation> made = new ArrayList<>();
      int count = 1 + random.nextInt(t % 97 == 0 ? 20 : 6);
      for (int k = 0; k < count; k++) {
        if (random.nextInt(4) == 0) {
          clock.advance(Duration.ofMillis(1));
        }
        Reservation r = engine.reserve(WS, task(t), worker(k), "w" + k);
        made.add(k % 2 == 0 ? engine.reject(r.sid()) : r);
      }
      byTask.add(made);
    }
    EngineInvariants.check(engine);
    for (int t = 0; t < TASKS; t += 7) {
      List<Reservation> expected = new ArrayList<>(byTask.get(t));
      expected.sort(Comparator.comparing(Reservation::dateCreated).thenComparing(Reservation::sid));
      Page<Reservation> page = engine.list(ReservationQuery.forTask(WS, task(t)));
      assertEquals(expected, page.items(), "task " + t);
      List<Reservation> pending =
          page.items().stream().filter(r -> r.status() == ReservationStatus.PENDING).toList();
      assertEquals(
          pending,
          engine
              .list(ReservationQuery.forTask(WS, task(t)).withStatus(ReservationStatus.PENDING))
              .items(),
          "task " + t + " pending");
    }
  }
}
