package dev.reservations.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReservationStatusTest {
  private static final Set<String> LEGAL =
      Set.of(
          "PENDING>ACCEPTED",
          "PENDING>REJECTED",
          "PENDING>TIMEOUT",
          "PENDING>CANCELED",
          "PENDING>RESCINDED",
          "ACCEPTED>WRAPPING",
          "ACCEPTED>COMPLETED",
          "WRAPPING>COMPLETED");

  static Stream<Arguments> pairs() {
    return EnumSet.allOf(ReservationStatus.class).stream()
        .flatMap(
            from ->
                EnumSet.allOf(ReservationStatus.class).stream().map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void canMoveTo_everyPair_followsTheTable(ReservationStatus from, ReservationStatus to) {
    assertEquals(LEGAL.contains(from + ">" + to), from.canMoveTo(to));
  }

  @Test
  void isTerminal_onlyForStatusesWithoutMoves() {
    for (ReservationStatus status : ReservationStatus.values()) {
      boolean hasMove = EnumSet.allOf(ReservationStatus.class).stream().anyMatch(status::canMoveTo);
      assertEquals(!hasMove, status.isTerminal(), status.toString());
    }
  }

  @Test
  void isClientSettable_exactlyTheUpdateEndpointTargets() {
    for (ReservationStatus status : ReservationStatus.values()) {
      assertEquals(
          EnumSet.of(
                  ReservationStatus.ACCEPTED,
                  ReservationStatus.REJECTED,
                  ReservationStatus.WRAPPING,
                  ReservationStatus.COMPLETED)
              .contains(status),
          status.isClientSettable());
    }
  }

  @Test
  void fromWireName_eachWireName_roundTrips() {
    for (ReservationStatus status : ReservationStatus.values()) {
      assertEquals(status, ReservationStatus.fromWireName(status.wireName()));
      assertEquals(status.name().toLowerCase(java.util.Locale.ROOT), status.wireName());
    }
  }

  @Test
  void fromWireName_unknownOrWrongCase_throwsNamingTheValues() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ReservationStatus.fromWireName("Pending"));
    assertEquals(
        "reservation status must be one of pending, accepted, rejected, timeout, "
            + "canceled, rescinded, wrapping, completed: Pending",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReservationStatus.fromWireName(" pending"));
    assertThrows(IllegalArgumentException.class, () -> ReservationStatus.fromWireName(""));
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> ReservationStatus.fromWireName(null));
    assertEquals("name", npe.getMessage());
  }

  @Test
  void canMoveTo_null_throwsNpe() {
    assertThrows(NullPointerException.class, () -> ReservationStatus.PENDING.canMoveTo(null));
  }

  @Test
  void eventType_entering_namesAsTaskRouter() {
    assertEquals(
        "reservation.created",
        ReservationEvent.Type.entering(ReservationStatus.PENDING).eventName());
    assertEquals(
        "reservation.wrapup",
        ReservationEvent.Type.entering(ReservationStatus.WRAPPING).eventName());
    for (ReservationStatus s : ReservationStatus.values()) {
      if (s != ReservationStatus.PENDING && s != ReservationStatus.WRAPPING) {
        assertEquals("reservation." + s.wireName(), ReservationEvent.Type.entering(s).eventName());
      }
    }
  }
}
