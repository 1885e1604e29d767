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
import java.util.ArrayDeque;
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
    ArrayDeque<Reservation> living = new ArrayDeque<>();
    int mostPages = 0;
    int longLived = 0;
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
        // one task in a thousand lives for 5,000 cycles, among the deleted ones around it
        Reservation r = engine.reserve(WS, task(1_000_000 + cycle), worker(9), "k");
        assertTrue(seen.add(r.sid()), "sid handed out twice: " + r.sid());
        living.addLast(r);
        longLived++;
      }
      if (!living.isEmpty()
          && living.peekFirst().taskSid().equals(task(1_000_000 + cycle - 5000))) {
        Reservation old = living.removeFirst();
        assertEquals(old, engine.get(old.sid()), "a long-lived reservation, after reuse around it");
        List<Reservation> deleted = engine.deleteTask(old.taskSid());
        assertEquals(List.of(old.sid()), deleted.stream().map(Reservation::sid).toList());
        assertEquals(ReservationStatus.CANCELED, deleted.get(0).status());
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
      if (engine.size() != living.size()) {
        throw new AssertionError("size " + engine.size() + " with " + living.size() + " living");
      }
      if (cycle % 1000 == 0) {
        mostPages = Math.max(mostPages, pagesInUse(engine));
      }
      clock.advance(Duration.ofMillis(cycle % 3));
    }

    assertEquals(cycles * WIDTH + longLived, seen.size());
    for (ReservationSid sid : early) {
      assertEquals(Optional.empty(), engine.find(sid), "deleted long ago: " + sid);
    }
    assertEquals(living.size(), engine.size());
    assertEquals(living.size(), engine.count(ReservationStatus.PENDING));
    // the memory of a million rows was reused: the live rows span at most 15,003 sequence
    // numbers, so at most two pages of 16,384 rows hold them, plus the one taking new rows
    assertTrue(
        mostPages <= 3, "table pages in use, most seen over a million deletions: " + mostPages);
    assertTrue(
        engine.table.pageCount <= 4,
        "physical pages ever allocated over a million deletions: " + engine.table.pageCount);
  }

  /** How many pages of rows the engine's table holds now: those allocated but not free. */
  private static int pagesInUse(ReservationEngine engine) {
    return engine.table.pageCount - engine.table.freeCount;
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
