package dev.reservations.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SidTest {
  private static final String HEX = "0123456789abcdef0123456789ABCDEF";

  @Test
  void parse_mixedCase_printsLowerCase() {
    TaskSid sid = TaskSid.parse("WT" + HEX);
    assertEquals("WT0123456789abcdef0123456789abcdef", sid.toString());
    assertEquals(0x0123456789abcdefL, sid.high());
    assertEquals(0x0123456789abcdefL, sid.low());
    assertEquals("WT", sid.prefix());
  }

  @Test
  void parse_everyKind_roundTrips() {
    String bits = "ffffffffffffffff0000000000000001";
    assertEquals("AC" + bits, AccountSid.parse("AC" + bits).toString());
    assertEquals("WS" + bits, WorkspaceSid.parse("WS" + bits).toString());
    assertEquals("WT" + bits, TaskSid.parse("WT" + bits).toString());
    assertEquals("WK" + bits, WorkerSid.parse("WK" + bits).toString());
    assertEquals("WR" + bits, ReservationSid.parse("WR" + bits).toString());
  }

  /** Every nibble in every place, and the extremes: the prefix and 32 lower-case digits. */
  @Test
  void toString_anyBits_isPrefixAndSixteenDigitsOfEachHalf() {
    java.util.Random random = new java.util.Random(5);
    long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL};
    for (int i = 0; i < 10_000; i++) {
      long high = i < edges.length ? edges[i] : random.nextLong();
      long low = i < edges.length ? edges[edges.length - 1 - i] : random.nextLong();
      String digits = String.format(java.util.Locale.ROOT, "%016x%016x", high, low);
      assertEquals("AC" + digits, new AccountSid(high, low).toString());
      assertEquals("WS" + digits, new WorkspaceSid(high, low).toString());
      assertEquals("WT" + digits, new TaskSid(high, low).toString());
      assertEquals("WK" + digits, new WorkerSid(high, low).toString());
      assertEquals("WR" + digits, new ReservationSid(high, low).toString());
    }
  }

  @Test
  void equals_sameBitsOtherKind_notEqual() {
    assertNotEquals(new TaskSid(1, 2), new WorkerSid(1, 2));
    assertEquals(new TaskSid(1, 2), TaskSid.parse("WT00000000000000010000000000000002"));
  }

  @Test
  void compareTo_unsignedOrder_isTextOrder() {
    ReservationSid small = ReservationSid.parse("WR7fffffffffffffffffffffffffffffff");
    ReservationSid large = ReservationSid.parse("WR80000000000000000000000000000000");
    assertTrue(small.compareTo(large) < 0);
    assertTrue(small.toString().compareTo(large.toString()) < 0);
    ReservationSid lowLarge = ReservationSid.parse("WR0000000000000000f000000000000000");
    ReservationSid lowSmall = ReservationSid.parse("WR00000000000000000fffffffffffffff");
    assertTrue(lowSmall.compareTo(lowLarge) < 0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "WK0123456789abcdef0123456789abcdef",
        "wt0123456789abcdef0123456789abcdef",
        "WT0123456789abcdef0123456789abcde",
        "WT0123456789abcdef0123456789abcdef0",
        "WT0123456789abcdef0123456789abcdeg",
        "WT0123456789abcdef0123456789abcde\u0663",
        "WT0123456789abcdef0123456789abcde ",
        " WT0123456789abcdef0123456789abcde",
        "",
        "WT0123456789abcdef0123456789abcd\uff10f"
      })
  void parse_malformed_throwsNamingPatternAndText(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TaskSid.parse(text));
    assertEquals("task sid must match ^WT[0-9a-fA-F]{32}$: " + text, e.getMessage());
  }

  @Test
  void parse_hugeText_messageIsCut() {
    String text = "WT" + "0".repeat(10_000);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WorkerSid.parse(text));
    assertEquals(
        "worker sid must match ^WK[0-9a-fA-F]{32}$: " + text.substring(0, 200) + "…(10002 chars)",
        e.getMessage());
  }

  @Test
  void parse_null_throwsNpe() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> ReservationSid.parse(null));
    assertEquals("reservation sid", e.getMessage());
  }

  @Test
  void parse_acceptsAnyCharSequence() {
    StringBuilder text = new StringBuilder("WS").append("a".repeat(32));
    assertEquals("WS" + "a".repeat(32), WorkspaceSid.parse(text).toString());
  }
}
