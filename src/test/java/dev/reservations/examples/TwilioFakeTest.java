package dev.reservations.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.taskrouter.v1.workspace.worker.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.http.ManualClock;
import dev.reservations.twilio.EngineHttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's twilio-java example ("Use it as a TaskRouter fake"); ReadmeExamplesTest checks. */
class TwilioFakeTest {
  /** Application code under test: a worker takes the oldest reservation offered to it. */
  static Optional<Reservation> acceptOldest(
      TwilioRestClient client, String workspace, String worker) {
    for (Reservation oldest :
        Reservation.reader(workspace, worker)
            .setReservationStatus(Reservation.Status.PENDING)
            .limit(1)
            .read(client)) {
      return Optional.of(
          Reservation.updater(workspace, worker, oldest.getSid())
              .setReservationStatus(Reservation.Status.ACCEPTED)
              .update(client));
    }
    return Optional.empty();
  }

  @Test
  void acceptOldest_acceptsTheOldestPendingReservation() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T09:00:00Z"));
    ReservationEngine engine = ReservationEngine.builder().clock(clock).build();
    WorkspaceSid workspace = WorkspaceSid.parse("WS" + "a".repeat(32));
    WorkerSid alice = WorkerSid.parse("WK" + "a".repeat(32));
    var older = engine.reserve(workspace, TaskSid.parse("WT" + "1".repeat(32)), alice, "Alice");
    clock.advance(Duration.ofSeconds(5));
    var newer = engine.reserve(workspace, TaskSid.parse("WT" + "2".repeat(32)), alice, "Alice");

    Optional<Reservation> accepted =
        acceptOldest(EngineHttpClient.restClient(engine), workspace.toString(), alice.toString());

    assertEquals(older.sid().toString(), accepted.orElseThrow().getSid());
    assertEquals(Reservation.Status.ACCEPTED, accepted.orElseThrow().getReservationStatus());
    assertEquals(ReservationStatus.ACCEPTED, engine.get(older.sid()).status());
    assertEquals(ReservationStatus.PENDING, engine.get(newer.sid()).status());
  }
}
