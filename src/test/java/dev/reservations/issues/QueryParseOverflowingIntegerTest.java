package dev.reservations.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.ReservationQuery;
import org.junit.jupiter.api.Test;

/**
 * Found by fuzzing: a 19-digit page size beyond a long escaped {@code ReservationQuery.parse} as
 * {@code Long.parseLong}'s {@code NumberFormatException} ("For input string: …"), not the
 * documented, lower-case {@code IllegalArgumentException}.
 */
class QueryParseOverflowingIntegerTest {
  private static final String LIST =
      ReservationQuery.forTask(new WorkspaceSid(0, 1), new TaskSid(0, 2)).toUri();

  @Test
  void parse_pageSizeBeyondLong_throwsIllegalArgumentNamingTheRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReservationQuery.parse(LIST + "&PageSize=9999999999999999999"));
    assertEquals(IllegalArgumentException.class, e.getClass());
    assertEquals("page size must fit in a 32-bit integer: 9999999999999999999", e.getMessage());
  }

  @Test
  void parse_pageBeyondLong_throwsIllegalArgumentNamingTheRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReservationQuery.parse(LIST + "&Page=9223372036854775808"));
    assertEquals(IllegalArgumentException.class, e.getClass());
    assertEquals("page must fit in a 32-bit integer: 9223372036854775808", e.getMessage());
  }
}
