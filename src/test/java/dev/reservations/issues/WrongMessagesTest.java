package dev.reservations.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.ReservationQuery;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/**
 * Found in review: a page size or page of 20 or more digits, or a zero-padded one, was called "not
 * a decimal integer"; {@code update(null, ACCEPTED, -1)} was an IAE about the version instead of an
 * NPE naming {@code sid}; a clock returning null gave a bare JDK NPE.
 */
class WrongMessagesTest {
  private static final String LIST =
      ReservationQuery.forTask(new WorkspaceSid(0, 1), new TaskSid(0, 2)).toUri();

  @Test
  void parse_pageSizeOfTwentyDigits_saysItDoesNotFitAnInt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReservationQuery.parse(LIST + "&PageSize=12345678901234567890"));
    assertEquals("page size must fit in a 32-bit integer: 12345678901234567890", e.getMessage());
  }

  @Test
  void parse_pageOfTwentyDigits_saysItDoesNotFitAnInt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReservationQuery.parse(LIST + "&Page=99999999999999999999"));
    assertEquals("page must fit in a 32-bit integer: 99999999999999999999", e.getMessage());
  }

  @Test
  void parse_zeroPadded_isTheDecimalInteger() {
    ReservationQuery q =
        ReservationQuery.parse(
            LIST + "&PageSize=000000000000000000000050" + "&Page=0000000000000000000000007");
    assertEquals(50, q.pageSize());
    assertEquals(7, q.page());
    assertEquals(0, ReservationQuery.parse(LIST + "&Page=0000000000000000000000").page());
  }

  @Test
  void parse_notDigits_isStillNotADecimalInteger() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ReservationQuery.parse(LIST + "&Page=1e3"));
    assertEquals("page must be a decimal integer: 1e3", e.getMessage());
  }

  @Test
  void update_nullSidAndNegativeVersion_isNpeNamingSid() {
    ReservationEngine engine = ReservationEngine.builder().seed(5).build();
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> engine.update(null, ReservationStatus.ACCEPTED, -1));
    assertEquals("sid", e.getMessage());
  }

  @Test
  void size_clockReturnsNull_npeSaysTheClockMustReturnAnInstant() {
    InstantSource nullClock = new NullClock();
    ReservationEngine engine = ReservationEngine.builder().seed(6).clock(nullClock).build();
    NullPointerException e = assertThrows(NullPointerException.class, engine::size);
    assertEquals(
        "clock must return an instant, not null: " + NullClock.class.getName(), e.getMessage());
  }

  private static final class NullClock implements InstantSource {
    @Override
    @SuppressWarnings("NullAway")
    public Instant instant() {
      return null;
    }
  }
}
