package dev.reservations.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.ReservationQuery;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Found by fuzzing: a page token holding an unpaired UTF-16 surrogate was kept by {@code parse} but
 * written as {@code %3F} by {@code toUri}, and a raw (unescaped) non-ASCII token lost its surrogate
 * pairs in decoding, so such queries did not survive a round trip.
 */
class QueryUnpairedSurrogateTest {
  private static final ReservationQuery LIST =
      ReservationQuery.forTask(new WorkspaceSid(0, 1), new TaskSid(0, 2));

  @Test
  void withPageToken_unpairedSurrogate_throwsIae() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LIST.withPageToken("PA\ud800x"));
    assertEquals(
        "page token must be well-formed UTF-16 text, without an unpaired surrogate: " + "PA\ud800x",
        e.getMessage());
  }

  @Test
  void parse_unpairedSurrogate_throwsIae() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ReservationQuery.parse(LIST.toUri() + "&PageToken=PA\udc00"));
  }

  @Test
  void parse_rawAndEscapedNonAscii_roundTrips() {
    ReservationQuery q = ReservationQuery.parse(LIST.toUri() + "&PageToken=%41\ud83d\ude00é");
    assertEquals(Optional.of("A\ud83d\ude00é"), q.pageToken());
    assertEquals(q, ReservationQuery.parse(q.toUri()));
  }
}
