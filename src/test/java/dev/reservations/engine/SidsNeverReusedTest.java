package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.junit.jupiter.api.Test;

/**
 * Sids of deleted reservations are never handed out again: a million reservations made and deleted
 * three at a time, through every way a task ends, on a few task sids used again and again, and all
 * million sids are distinct. A deleted sid stays unknown while new reservations reuse its memory.
 */
class SidsNeverReusedTest {
  private static final int RESERVATIONS = 1_000_000;
  private static final int WIDTH = 3;

  private final ManualClock clock = new ManualClock(Instant.parse("2025-02-01T00:00:00Z"));
  private final ReservationEngine engine =
      ReservationEngine.builder()
          .seed(0x51d5L)
          .clock(clock)
          .reservationTimeout(Duration.ofDays(1))
          .build();

  @Test
  void deleteTask_millionReservationsMadeAndDeleted_noSidIsHandedOutTwice() {
    Sids seen = new Sids(RESERVATIONS);
    List<ReservationSid> early = new ArrayList<>();
    ReservationSid[] made = new ReservationSid[WIDTH];
    int cycles = (RESERVATIONS + WIDTH - 1) / WIDTH;
    int kept = 0;
    for (int cycle = 0; cycle < cycles; cycle++) {
      // a few task sids, each deleted and started again many times
      var taskSid = task(cycle % 5);
      for (int w = 0; w < WIDTH; w++) {
        made[w] = engine.reserve(WS, taskSid, worker(w), "w").sid();
        if (!seen.add(made[w])) {
          throw new AssertionError("sid handed out twice: " + made[w] + " in cycle " + cycle);
        }
      }
      switch (cycle % 4) {
        case 0:
          engine.accept(made[cycle % WIDTH]);
          engine.complete(made[cycle % WIDTH]);
          break;
        case 1:
          for (ReservationSid sid : made) {
            engine.reject(sid);
          }
          break;
        case 2:
          engine.cancelTask(taskSid);
          break;
        default:
          // left pending: the deletion cancels them
          break;
      }
      if (cycle % 1000 == 7) {
        // one task in a thousand is kept, so that live reservations sit between freed ones
        kept++;
        Reservation r = engine.reserve(WS, task(1_000_000 + cycle), worker(9), "k");
        assertTrue(seen.add(r.sid()), "sid handed out twice: " + r.sid());
      }
      List<Reservation> gone = engine.deleteTask(taskSid);
      if (gone.size() != WIDTH) {
        throw new AssertionError("cycle " + cycle + " deleted " + gone);
      }
      for (ReservationSid sid : made) {
        if (engine.find(sid).isPresent()) {
          throw new AssertionError("deleted " + sid + " is still found in cycle " + cycle);
        }
      }
      if (cycle % 10_000 == 0) {
        early.add(made[0]);
      }
      if (engine.size() != kept) {
        throw new AssertionError("size " + engine.size() + " with " + kept + " kept");
      }
      clock.advance(Duration.ofMillis(cycle % 3));
    }

    assertEquals(cycles * WIDTH + kept, seen.size());
    for (ReservationSid sid : early) {
      assertEquals(Optional.empty(), engine.find(sid), "deleted long ago: " + sid);
    }
    assertEquals(kept, engine.size());
    assertEquals(kept, engine.count(ReservationStatus.PENDING));
    // the memory of a million rows was reused: the table never held more than a few pages
    assertTrue(
        tablePages(engine) <= 2,
        () -> "table pages after a million deletions: " + tablePages(engine));
  }

  /** How many pages of rows the engine's table holds. */
  private static int tablePages(ReservationEngine engine) {
    throw new UnsupportedOperationException("filled in once the engine's table layout lands");
  }

  /**
   * A set of 128-bit sids in two primitive longs each, about 32 B per sid: the low half as the key
   * of an open-addressing map to the high half, and the rare sids whose low half is taken kept
   * aside.
   */
  private static final class Sids {
    private final LongLongHashMap byLow;
    private final List<ReservationSid> sharedLow = new ArrayList<>();

    Sids(int expected) {
      this.byLow = new LongLongHashMap(expected);
    }

    /** Adds a sid; false if it was already there. */
    boolean add(ReservationSid sid) {
      if (!byLow.containsKey(sid.low())) {
        byLow.put(sid.low(), sid.high());
        return true;
      }
      if (byLow.get(sid.low()) == sid.high() || sharedLow.contains(sid)) {
        return false;
      }
      sharedLow.add(sid);
      return true;
    }

    int size() {
      return byLow.size() + sharedLow.size();
    }
  }
}
