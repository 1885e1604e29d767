package dev.reservations.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found in review: delivery caught only {@code RuntimeException}, so a listener that threw an
 * {@code Error} (a JUnit {@code AssertionError}, say) kept the other listeners from that event, and
 * the queued events (an accept's rescinds) were delivered during a later, unrelated call.
 */
class ListenerErrorDeliveryTest {
  private static final WorkspaceSid WS = new WorkspaceSid(0, 1);
  private static final TaskSid TASK = new TaskSid(0, 1);

  @Test
  void accept_listenerThrowsError_everyListenerHearsEveryEventAndTheErrorIsRethrown() {
    AssertionError boom = new AssertionError("listener failed");
    List<String> heard = new ArrayList<>();
    ReservationEngine engine =
        ReservationEngine.builder()
            .seed(1)
            .listener(
                event -> {
                  if (event.type() == ReservationEvent.Type.ACCEPTED) {
                    throw boom;
                  }
                })
            .listener(event -> heard.add(event.type().eventName()))
            .build();
    Reservation a = engine.reserve(WS, TASK, new WorkerSid(0, 1), "Ann");
    engine.reserve(WS, TASK, new WorkerSid(0, 2), "Bob");
    engine.reserve(WS, TASK, new WorkerSid(0, 3), "Cy");
    heard.clear();

    AssertionError thrown = assertThrows(AssertionError.class, () -> engine.accept(a.sid()));

    assertSame(boom, thrown);
    assertEquals(
        List.of("reservation.accepted", "reservation.rescinded", "reservation.rescinded"), heard);
    assertEquals(ReservationStatus.ACCEPTED, engine.get(a.sid()).status());
    assertEquals(2, engine.count(ReservationStatus.RESCINDED));
    // nothing was left queued for a later call
    assertEquals(3, engine.size());
    assertEquals(3, heard.size());
  }

  @Test
  void accept_twoListenersThrowErrors_firstRethrownWithTheOtherSuppressed() {
    Error first = new StackOverflowError("first");
    RuntimeException second = new IllegalStateException("second");
    ReservationEngine engine =
        ReservationEngine.builder()
            .seed(2)
            .listener(
                event -> {
                  throw first;
                })
            .listener(
                event -> {
                  throw second;
                })
            .build();

    Error thrown =
        assertThrows(Error.class, () -> engine.reserve(WS, TASK, new WorkerSid(0, 1), "Ann"));

    assertSame(first, thrown);
    assertEquals(List.of(second), List.of(thrown.getSuppressed()));
    assertEquals(1, engine.size());
  }
}
