package dev.reservations.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import org.junit.jupiter.api.Test;

/** The README's quick start, line for line: if this stops compiling, fix the README too. */
class QuickStartTest {
  @Test
  void quickStart_runsAsWritten() {
    // --- README quick start: begin ---
    ReservationEngine engine = ReservationEngine.builder().seed(42).build();
    WorkspaceSid ws = WorkspaceSid.parse("WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    TaskSid task = TaskSid.parse("WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    WorkerSid alice = WorkerSid.parse("WKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    WorkerSid bob = WorkerSid.parse("WKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    Reservation a = engine.reserve(ws, task, alice, "Alice");
    Reservation b = engine.reserve(ws, task, bob, "Bob");
    engine.accept(a.sid());                       // b is rescinded
    engine.complete(a.sid());

    Page<Reservation> page = engine.list(ReservationQuery.forTask(ws, task)
        .withStatus(ReservationStatus.RESCINDED).withPageSize(20));
    System.out.println(page.query().toUri() + " -> " + page.items());
    // --- README quick start: end ---
    assertEquals(b.sid(), page.items().get(0).sid());
    assertEquals(ReservationStatus.COMPLETED, engine.get(a.sid()).status());
  }
}
