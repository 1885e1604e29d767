package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.InvalidPageTokenException;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.ReservationQuery;
import org.junit.jupiter.api.Test;

class PageCursorTest {
  private static final ReservationQuery LIST =
      ReservationQuery.forTask(new WorkspaceSid(1, 2), new TaskSid(3, 4));

  @Test
  void encode_decode_roundTripsExtremes() {
    PageCursor cursor = new PageCursor(9);
    for (long v : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 12345}) {
      PageCursor.Boundary b = new PageCursor.Boundary(v % 2 == 0, v, ~v, v ^ 0x5555);
      assertEquals(b, cursor.decode(LIST, cursor.encode(LIST, b)));
    }
  }

  @Test
  void successorAndPredecessor_carryAcrossWords() {
    PageCursor.Boundary max = new PageCursor.Boundary(true, 5, -1L, -1L);
    assertEquals(new PageCursor.Boundary(false, 6, 0, 0), max.successor(false));
    assertEquals(max.low(), new PageCursor.Boundary(true, 6, 0, 0).predecessor(true).low());
    assertEquals(
        new PageCursor.Boundary(true, 5, -1L, -1L),
        new PageCursor.Boundary(true, 6, 0, 0).predecessor(true));
    assertEquals(
        new PageCursor.Boundary(true, 5, 1, 0),
        new PageCursor.Boundary(true, 5, 0, -1L).successor(true));
  }

  @Test
  void decode_pageSizeAndIndexAreNotPartOfTheList() {
    PageCursor cursor = new PageCursor(9);
    String token = cursor.encode(LIST, new PageCursor.Boundary(true, 1, 2, 3));
    assertEquals(1, cursor.decode(LIST.withPageSize(7).withPage(3), token).created());
    assertThrows(
        InvalidPageTokenException.class,
        () ->
            cursor.decode(
                ReservationQuery.forTask(new WorkspaceSid(1, 2), new TaskSid(3, 5)), token));
  }
}
