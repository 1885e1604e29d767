package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The skewed shapes of issue 12, where one key holds most of the rows, proved by counting what a
 * change writes rather than by timing it: before a sampled step the test copies every block of the
 * key's lists, after it counts the ints that changed, and asserts at most two blocks' worth ({@code
 * 2 · (BLOCK + 1)}) per list, whatever the key's size; a list kept in one sorted array would write
 * up to all its rows. Every few thousand steps it checks the block structure ({@link
 * EngineInvariants#checkBlocks}); after each test the invariants extension checks every index
 * against the table.
 */
class SkewedKeyTest {
  private static final int PENDING = ReservationStatus.PENDING.ordinal();
  private static final int MOST_WRITTEN = 2 * (ChunkedRows.BLOCK + 1);
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void expireDue_oneWorkerHoldsEveryPending_eachTimeoutWritesAtMostTwoBlocks() {
    ManualClock clock = new ManualClock(START);
    ReservationEngine engine =
        InvariantsExtension.track(
            ReservationEngine.builder()
                .seed(12)
                .clock(clock)
                .reservationTimeout(Duration.ofSeconds(1))
                .build());
    int n = 120_000;
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofNanos(1_000));
      engine.reserve(WS, task(i), worker(1), "holder");
    }
    int key = workerKey(engine, 1);
    for (int i = 0; i < n; i++) {
      clock.set(START.plusNanos(1_000L * (i + 1)).plusSeconds(1));
      boolean sampled = i % 97 == 0;
      Map<int[], int[]> pending = sampled ? copy(list(engine, key, PENDING)) : Map.of();
      Map<int[], int[]> timedOut = sampled ? copy(timeoutList(engine, key)) : Map.of();
      List<Reservation> expired = engine.expireDue();
      assertEquals(1, expired.size(), "step " + i);
      assertEquals(task(i), expired.get(0).taskSid(), "step " + i);
      if (sampled) {
        assertAtMostTwoBlocks(pending, list(engine, key, PENDING), "pending, step " + i);
        assertAtMostTwoBlocks(timedOut, timeoutList(engine, key), "timeout, step " + i);
      }
      if (i % 10_000 == 0) {
        checkAllLists(engine, key);
        assertEquals(n - i - 1, count(engine, 1, ReservationStatus.PENDING));
      }
    }
    checkAllLists(engine, key);
    assertEquals(0, count(engine, 1, ReservationStatus.PENDING));
    assertEquals(n, count(engine, 1, ReservationStatus.TIMEOUT));
  }

  @Test
  void expireDue_clockJumpsOverManyDueOfOneWorker_timesThemAllOutInBoundedBlocks() {
    ManualClock clock = new ManualClock(START);
    ReservationEngine engine =
        InvariantsExtension.track(ReservationEngine.builder().seed(13).clock(clock).build());
    int n = 250_000;
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofNanos(1_000));
      Duration timeout = i % 5 == 0 ? Duration.ofDays(1) : Duration.ofSeconds(1);
      engine.reserve(WS, task(i), worker(2), "holder", timeout);
    }
    clock.advance(Duration.ofSeconds(2));
    List<Reservation> expired = engine.expireDue();
    assertEquals(200_000, expired.size());
    for (int i = 1; i < expired.size(); i++) {
      assertTrue(
          expired.get(i - 1).dateCreated().isBefore(expired.get(i).dateCreated()),
          "deadline order at " + i);
    }
    int key = workerKey(engine, 2);
    checkAllLists(engine, key);
    assertEquals(50_000, count(engine, 2, ReservationStatus.PENDING));
    assertEquals(200_000, count(engine, 2, ReservationStatus.TIMEOUT));
    ChunkedRows pending = list(engine, key, PENDING);
    assertTrue(
        pending.blockCount <= pending.size / ChunkedRows.FLOOR + 1,
        pending.blockCount + " blocks for " + pending.size + " pending rows");
  }

  @Test
  void reserve_manyAtOneInstantOnOneWorker_eachWritesAtMostTwoBlocks() {
    ManualClock clock = new ManualClock(START);
    ReservationEngine engine =
        InvariantsExtension.track(ReservationEngine.builder().seed(14).clock(clock).build());
    int n = 100_000;
    engine.reserve(WS, task(0), worker(3), "busy");
    int key = workerKey(engine, 3);
    for (int i = 1; i < n; i++) {
      boolean sampled = i > KeyIndex.SPLIT && i % 89 == 0;
      Map<int[], int[]> pending = sampled ? copy(list(engine, key, PENDING)) : Map.of();
      Map<int[], int[]> all = sampled ? copy(list(engine, key, KeyIndex.ALL)) : Map.of();
      engine.reserve(WS, task(i), worker(3), "busy");
      if (sampled) {
        assertAtMostTwoBlocks(pending, list(engine, key, PENDING), "pending, reserve " + i);
        assertAtMostTwoBlocks(all, list(engine, key, KeyIndex.ALL), "all, reserve " + i);
      }
      if (i % 10_000 == 0) {
        checkAllLists(engine, key);
      }
    }
    checkAllLists(engine, key);
    ReservationQuery first = ReservationQuery.forWorker(WS, worker(3)).withPageSize(1000);
    List<Reservation> walked = walkForward(engine, first);
    assertEquals(n, walked.size());
    for (int i = 1; i < n; i++) {
      assertTrue(walked.get(i - 1).sid().compareTo(walked.get(i).sid()) < 0, "sid order at " + i);
    }
  }

  /**
   * Same-instant reserves are appends: sid order is creation order, so each new row goes after the
   * last row of both of the worker's lists (one comparison, on the fast path of {@link
   * ChunkedRows#insert}), and the ints written over all reserves are amortised O(1) each: the row
   * and the size, plus a new or grown last block now and then.
   */
  @Test
  void reserve_manyAtOneInstantOnOneWorker_eachIsAnAppend_amortisedConstantWrites() {
    ManualClock clock = new ManualClock(START);
    ReservationEngine engine =
        InvariantsExtension.track(ReservationEngine.builder().seed(16).clock(clock).build());
    int n = 30_000;
    engine.reserve(WS, task(0), worker(5), "busy");
    int key = -1;
    long written = 0;
    int measured = 0;
    for (int i = 1; i < n; i++) {
      boolean large = i > KeyIndex.SPLIT + 1;
      Map<int[], int[]> pending = large ? copy(list(engine, key, PENDING)) : Map.of();
      Map<int[], int[]> all = large ? copy(list(engine, key, KeyIndex.ALL)) : Map.of();
      Reservation r = engine.reserve(WS, task(i), worker(5), "busy");
      key = workerKey(engine, 5);
      if (large) {
        int row = engine.table.row(r.sid().high(), r.sid().low());
        for (int status : new int[] {PENDING, KeyIndex.ALL}) {
          ChunkedRows list = list(engine, key, status);
          int[] last = list.blocks[list.blockCount - 1];
          assertEquals(row, last[last[0]], "reserve " + i + " is the last row of list " + status);
        }
        written += ints(pending, list(engine, key, PENDING));
        written += ints(all, list(engine, key, KeyIndex.ALL));
        measured++;
      }
    }
    assertTrue(measured > 25_000, "measured " + measured);
    assertTrue(
        written <= 10L * measured,
        String.format(
            "%d ints written by %d same-instant reserves into two lists: %.2f each, at most 10"
                + " allowed",
            written, measured, (double) written / measured));
    checkAllLists(engine, key);
  }

  @Test
  void list_hugeWorkerWithMovesAtRandomPlaces_pagesBothWaysAsInListOrder() {
    ManualClock clock = new ManualClock(START);
    ReservationEngine engine =
        InvariantsExtension.track(ReservationEngine.builder().seed(15).clock(clock).build());
    SplittableRandom random = new SplittableRandom(15);
    int n = 6_000;
    List<Reservation> made = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (random.nextInt(3) == 0) {
        clock.advance(Duration.ofNanos(1 + random.nextInt(5)));
      }
      made.add(engine.reserve(WS, task(i), worker(4), "w"));
    }
    int key = workerKey(engine, 4);
    for (int i = 0; i < n; i++) {
      Reservation r = made.get(random.nextInt(n));
      if (r.status() != ReservationStatus.PENDING) {
        continue;
      }
      Map<int[], int[]> pending = copy(list(engine, key, PENDING));
      Reservation moved = random.nextInt(3) == 0 ? engine.accept(r.sid()) : engine.reject(r.sid());
      made.set(made.indexOf(r), moved);
      assertAtMostTwoBlocks(pending, list(engine, key, PENDING), "pending, move " + i);
    }
    checkAllLists(engine, key);
    made.sort(Comparator.comparing(Reservation::dateCreated).thenComparing(Reservation::sid));
    for (ReservationStatus status :
        List.of(
            ReservationStatus.PENDING, ReservationStatus.REJECTED, ReservationStatus.ACCEPTED)) {
      ReservationQuery query =
          ReservationQuery.forWorker(WS, worker(4)).withStatus(status).withPageSize(37);
      List<Reservation> expected = made.stream().filter(r -> r.status() == status).toList();
      assertEquals(expected, walkForward(engine, query), status.toString());
      assertEquals(expected, walkBack(engine, query), status + " backwards");
      assertEquals(expected.size(), engine.count(query), status + " count");
    }
    ReservationQuery all = ReservationQuery.forWorker(WS, worker(4)).withPageSize(41);
    assertEquals(made, walkForward(engine, all));
    assertEquals(made, walkBack(engine, all));
  }

  private static int workerKey(ReservationEngine engine, int worker) {
    int key = engine.workers.find(worker(worker).high(), worker(worker).low());
    assertTrue(key >= 0, "worker " + worker + " is known");
    return key;
  }

  private static ChunkedRows list(ReservationEngine engine, int key, int status) {
    ChunkedRows[] lists =
        EngineInvariants.largeLists(Objects.requireNonNull(engine.workers.rows), key);
    assertNotNull(lists, "worker " + key + " is a large key");
    return Objects.requireNonNull(lists[status], "list " + status);
  }

  private static ChunkedRows timeoutList(ReservationEngine engine, int key) {
    ChunkedRows[] lists =
        EngineInvariants.largeLists(Objects.requireNonNull(engine.workers.rows), key);
    ChunkedRows list = Objects.requireNonNull(lists)[ReservationStatus.TIMEOUT.ordinal()];
    return list != null ? list : new ChunkedRows(new int[1]);
  }

  private static void checkAllLists(ReservationEngine engine, int key) {
    ChunkedRows[] lists =
        Objects.requireNonNull(
            EngineInvariants.largeLists(Objects.requireNonNull(engine.workers.rows), key));
    for (int s = 0; s <= KeyIndex.ALL; s++) {
      if (lists[s] != null) {
        EngineInvariants.checkBlocks(lists[s], "worker list " + s);
      }
    }
  }

  /** The worker's reservations in a status, counted by the index. */
  private static int count(ReservationEngine engine, int worker, ReservationStatus status) {
    return engine.count(ReservationQuery.forWorker(WS, worker(worker)).withStatus(status));
  }

  /** A copy of each block of a list, by the identity of the block. */
  private static Map<int[], int[]> copy(ChunkedRows list) {
    Map<int[], int[]> copies = new IdentityHashMap<>();
    for (int b = 0; b < list.blockCount; b++) {
      copies.put(list.blocks[b], list.blocks[b].clone());
    }
    return copies;
  }

  /**
   * Asserts that from the copies to the list's blocks now at most {@link #MOST_WRITTEN} ints
   * changed: every int of a block that is new, and each changed int of a block that was there.
   */
  private static void assertAtMostTwoBlocks(
      Map<int[], int[]> before, ChunkedRows after, String at) {
    int written = ints(before, after);
    assertTrue(
        written <= MOST_WRITTEN,
        String.format(
            "%s: %d ints written into a list of %d rows, at most %d allowed",
            at, written, after.size, MOST_WRITTEN));
  }

  /**
   * {@return the ints written from the copies to the list's blocks now: every int of a block that
   * is new, and each changed int of a block that was there}
   */
  private static int ints(Map<int[], int[]> before, ChunkedRows after) {
    int written = 0;
    for (int b = 0; b < after.blockCount; b++) {
      int[] block = after.blocks[b];
      int[] was = before.get(block);
      if (was == null) {
        written += block[0] + 1;
        continue;
      }
      for (int i = 0; i < block.length; i++) {
        if (i >= was.length || block[i] != was[i]) {
          written++;
        }
      }
    }
    return written;
  }

  private static List<Reservation> walkForward(ReservationEngine engine, ReservationQuery first) {
    List<Reservation> out = new ArrayList<>();
    ReservationQuery query = first;
    while (true) {
      Page<Reservation> page = engine.list(query);
      out.addAll(page.items());
      if (page.nextPage().isEmpty()) {
        return out;
      }
      query = page.nextPage().get();
    }
  }

  /** Walks to the last page, then back through the previous pages; returns list order. */
  private static List<Reservation> walkBack(ReservationEngine engine, ReservationQuery first) {
    Page<Reservation> page = engine.list(first);
    while (page.nextPage().isPresent()) {
      page = engine.list(page.nextPage().get());
    }
    List<List<Reservation>> pages = new ArrayList<>();
    pages.add(page.items());
    while (page.previousPage().isPresent()) {
      page = engine.list(page.previousPage().get());
      pages.add(page.items());
    }
    List<Reservation> out = new ArrayList<>();
    for (int i = pages.size() - 1; i >= 0; i--) {
      out.addAll(pages.get(i));
    }
    return out;
  }
}
