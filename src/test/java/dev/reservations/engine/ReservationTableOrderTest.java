package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The table's list order: {@link ReservationTable#compare} (date created, then sequence number)
 * agrees with {@link ReservationTable#compareToKey} and with the public order (date created, then
 * sid in unsigned 128-bit order) on every pair of rows, and the last sequence number is refused
 * before anything changes.
 */
class ReservationTableOrderTest {
  /** The public list order of reservations: {@code date_created}, then sid. */
  private static final Comparator<Instant> BY_DATE = Comparator.naturalOrder();

  /** Dates created, many of them equal, on both sides of the epoch and at the ends of a long. */
  private static final long[] CREATED = {
    Long.MIN_VALUE, -1_000_000_001L, -1_000_000_000L, -1, 0, 1, 999_999_999, Long.MAX_VALUE
  };

  @Test
  void compare_rowsOfEqualAndNegativeDates_agreesWithCompareToKeyAndThePublicOrder() {
    ReservationTable table = new ReservationTable(new SidCipher(5));
    SplittableRandom random = new SplittableRandom(8);
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      rows.add(table.add(i, i % 3, "w", 0, CREATED[random.nextInt(CREATED.length)]));
    }
    checkAllPairs(table, rows);
  }

  /**
   * Rows whose sequence numbers are the last ones below {@link SidCipher#SEQ_LIMIT}, which no test
   * can make one by one: two full pages of rows, whose logical pages are then set to the last two
   * below the limit, the second page's rows taking the lower numbers, so that the order of the
   * sequence numbers is not that of the row numbers.
   */
  @Test
  void compare_sequenceNumbersJustBelowTheLimit_agreesWithCompareToKeyAndThePublicOrder() {
    ReservationTable table = new ReservationTable(new SidCipher(6));
    SplittableRandom random = new SplittableRandom(9);
    int count = 2 * ReservationTable.PAGE_ROWS;
    for (int i = 0; i < count; i++) {
      table.add(i, 0, "w", 0, CREATED[random.nextInt(3)]);
    }
    long lastPage = (SidCipher.SEQ_LIMIT >>> 14) - 1;
    table.logicalOf[0] = lastPage;
    table.logicalOf[1] = lastPage - 1;
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      rows.add(i);
      rows.add(count - 1 - i);
      rows.add(ReservationTable.PAGE_ROWS - 1 - i);
      rows.add(ReservationTable.PAGE_ROWS + i);
    }
    assertEquals(SidCipher.SEQ_LIMIT - 1, table.seq(ReservationTable.PAGE_ROWS - 1));
    assertTrue(table.sidHigh(ReservationTable.PAGE_ROWS - 1) > 0, "the last sid high is positive");
    checkAllPairs(table, rows);
  }

  @Test
  void ensureRoom_afterTheLastSequenceNumber_refusesAndChangesNothing() {
    ReservationTable table = new ReservationTable(new SidCipher(7));
    int first = table.add(0, 0, "w", 0, 1);
    ReservationSid sid = table.sid(first);
    table.nextSeq = SidCipher.SEQ_LIMIT;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> table.ensureRoom(1, "new"));
    assertEquals(
        "engine has made the most reservations its sids can number: 4611686018427387904",
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> table.add(1, 1, "new", 0, 2));
    assertEquals(SidCipher.SEQ_LIMIT, table.nextSeq);
    assertEquals(1, table.size());
    assertEquals(1, table.pageCount);
    assertEquals(1, table.refWorker.size(), "no worker ref made for the refused row");
    table.nextSeq = 1;
    assertEquals(first, table.row(sid.high(), sid.low()));
    int second = table.add(1, 1, "new", 0, 2);
    assertEquals(1, table.seq(second));
    assertEquals(2, table.size());
  }

  @Test
  void reserve_afterTheLastSequenceNumber_refusesAndChangesNothing() {
    ReservationEngine engine =
        InvariantsExtension.track(ReservationEngine.builder().seed(3).build());
    WorkspaceSid workspace = new WorkspaceSid(1, 1);
    Reservation before = engine.reserve(workspace, new TaskSid(1, 1), new WorkerSid(1, 1), "a");
    long next = engine.table.nextSeq;
    engine.table.nextSeq = SidCipher.SEQ_LIMIT;
    TaskSid task = new TaskSid(1, 2);
    WorkerSid worker = new WorkerSid(1, 2);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> engine.reserve(new WorkspaceSid(2, 2), task, worker, "b"));
    assertEquals(
        "engine has made the most reservations its sids can number: 4611686018427387904",
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> engine.reserve(workspace, task, worker, "b"));
    engine.table.nextSeq = next;
    assertEquals(
        List.of(),
        engine.list(dev.reservations.query.ReservationQuery.forTask(workspace, task)).items());
    assertEquals(before, engine.get(before.sid()));
    Reservation after = engine.reserve(workspace, task, worker, "b");
    assertEquals(after, engine.get(after.sid()));
    EngineInvariants.check(engine);
  }

  /**
   * Checks every ordered pair of {@code rows}: the sign of {@link ReservationTable#compare} is that
   * of {@link ReservationTable#compareToKey} against the other row's key, and that of the public
   * order of the two reservations (date created, then {@link ReservationSid#compareTo}); and the
   * order is antisymmetric.
   */
  private static void checkAllPairs(ReservationTable table, List<Integer> rows) {
    for (int a : rows) {
      for (int b : rows) {
        int c = Integer.signum(table.compare(a, b));
        int key =
            Integer.signum(
                table.compareToKey(a, table.created(b), table.sidHigh(b), table.sidLow(b)));
        int date =
            BY_DATE.compare(
                Instant.ofEpochSecond(0, table.created(a)),
                Instant.ofEpochSecond(0, table.created(b)));
        int expected =
            date != 0 ? Integer.signum(date) : Integer.signum(table.sid(a).compareTo(table.sid(b)));
        String pair = "rows " + a + " and " + b;
        assertEquals(expected, c, pair);
        assertEquals(expected, key, pair);
        assertEquals(-c, Integer.signum(table.compare(b, a)), pair);
        assertEquals(a == b, c == 0, pair);
      }
    }
  }
}
