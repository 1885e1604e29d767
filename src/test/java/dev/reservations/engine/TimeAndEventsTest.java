package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.VersionMismatchException;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass
@MethodSource("dev.reservations.engine.EngineConfig#behaviour")
class TimeAndEventsTest {
  private static final Instant T0 = Instant.parse("2024-05-14T10:50:02.123456789Z");
  private final ManualClock clock = new ManualClock(T0);
  private final List<ReservationEvent> events = new ArrayList<>();
  private final EngineConfig config;
  private final ContractEngine engine;

  TimeAndEventsTest(EngineConfig config) {
    this.config = config;
    this.engine = new ContractEngine(config, 5, clock, Duration.ofSeconds(30), events::add);
  }

  private List<String> eventNames() {
    return events.stream().map(e -> e.type().eventName()).toList();
  }

  @Test
  void accept_oneNanosecondBeforeDeadline_succeeds() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.set(T0.plusSeconds(30).minusNanos(1));
    assertEquals(ReservationStatus.ACCEPTED, engine.accept(r.sid()).status());
  }

  @Test
  void accept_atDeadline_isIllegalFromTimeout() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.set(T0.plusSeconds(30));
    IllegalTransitionException e =
        assertThrows(IllegalTransitionException.class, () -> engine.accept(r.sid()));
    assertEquals(ReservationStatus.TIMEOUT, e.from());
    Reservation timedOut = engine.get(r.sid());
    assertEquals(T0.plusSeconds(30), timedOut.dateUpdated());
    assertEquals(1, timedOut.version());
    assertEquals(List.of("reservation.created", "reservation.timeout"), eventNames());
  }

  @Test
  void timeout_afterDeadline_isDatedAtTheDeadline() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.set(T0.plusSeconds(30).plusNanos(1));
    assertEquals(T0.plusSeconds(30), engine.get(r.sid()).dateUpdated());
    assertThrows(IllegalTransitionException.class, () -> engine.timeout(r.sid()));
  }

  @Test
  void timeout_explicitBeforeDeadline_isDatedNow() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.advance(Duration.ofSeconds(3));
    Reservation t = engine.timeout(r.sid());
    assertEquals(ReservationStatus.TIMEOUT, t.status());
    assertEquals(T0.plusSeconds(3), t.dateUpdated());
    clock.advance(Duration.ofSeconds(60));
    assertEquals(List.of(), engine.expireDue());
    assertEquals(t, engine.get(r.sid()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "find", "size", "count", "reserve", "reject", "cancel"})
  void everyOperation_afterDeadline_seesTheTimeout(String operation) {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.advance(Duration.ofSeconds(31));
    switch (operation) {
      case "list":
        Page<Reservation> page = engine.list(ReservationQuery.forTask(WS, task(1)));
        assertEquals(ReservationStatus.TIMEOUT, page.items().get(0).status());
        break;
      case "find":
        assertEquals(ReservationStatus.TIMEOUT, engine.find(r.sid()).orElseThrow().status());
        break;
      case "size":
        engine.size();
        break;
      case "count":
        assertEquals(1, engine.count(ReservationStatus.TIMEOUT));
        break;
      case "reserve":
        engine.reserve(WS, task(1), worker(1), "a");
        break;
      case "reject":
        assertThrows(IllegalTransitionException.class, () -> engine.reject(r.sid()));
        break;
      default:
        assertEquals(
            List.of(),
            engine.cancelTask(task(1)).stream().filter(x -> x.sid().equals(r.sid())).toList());
    }
    assertEquals("reservation.timeout", events.get(1).type().eventName());
    assertEquals(T0.plusSeconds(30), events.get(1).at());
    assertEquals(List.of(), engine.expireDue());
  }

  @Test
  void expireDue_returnsDeadlineOrder_tiesInListOrder() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a", Duration.ofSeconds(10));
    Reservation b = engine.reserve(WS, task(2), worker(1), "a", Duration.ofSeconds(5));
    Reservation c = engine.reserve(WS, task(3), worker(1), "a", Duration.ofSeconds(5));
    Reservation d = engine.reserve(WS, task(4), worker(1), "a");
    clock.advance(Duration.ofSeconds(11));
    List<Reservation> expired = engine.expireDue();
    List<Reservation> firstTwo = b.sid().compareTo(c.sid()) < 0 ? List.of(b, c) : List.of(c, b);
    assertEquals(
        List.of(firstTwo.get(0).sid(), firstTwo.get(1).sid(), a.sid()),
        expired.stream().map(Reservation::sid).toList());
    assertEquals(T0.plusSeconds(5), expired.get(0).dateUpdated());
    assertEquals(ReservationStatus.PENDING, engine.get(d.sid()).status());
    assertEquals(List.of(), engine.expireDue());
    assertThrows(UnsupportedOperationException.class, () -> expired.clear());
  }

  @Test
  void expireDue_nothingDue_returnsEmptyWithoutChanges() {
    engine.reserve(WS, task(1), worker(1), "a");
    assertEquals(List.of(), engine.expireDue());
    assertEquals(1, engine.count(ReservationStatus.PENDING));
  }

  @Test
  void clockGoingBack_timestampsNeverDecrease() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.set(T0.minusSeconds(3600));
    Reservation accepted = engine.accept(r.sid());
    assertEquals(T0, accepted.dateUpdated());
    Reservation later = engine.reserve(WS, task(2), worker(1), "a");
    assertEquals(T0, later.dateCreated());
  }

  @Test
  void timestamps_keepFullPrecision() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    assertEquals(T0, r.dateCreated());
    assertEquals(123456789, r.dateCreated().getNano());
  }

  @Test
  void events_acceptWithRescinds_acceptedFirstThenEachRescinded() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    Reservation b = engine.reserve(WS, task(1), worker(2), "b");
    Reservation c = engine.reserve(WS, task(1), worker(3), "c");
    events.clear();
    engine.accept(b.sid());
    assertEquals(
        List.of("reservation.accepted", "reservation.rescinded", "reservation.rescinded"),
        eventNames());
    List<Reservation> rescinded = a.sid().compareTo(c.sid()) < 0 ? List.of(a, c) : List.of(c, a);
    assertEquals(rescinded.get(0).sid(), events.get(1).reservation().sid());
    assertEquals(ReservationStatus.PENDING, events.get(1).previousStatus());
  }

  @Test
  void events_everyPath_namedAsTaskRouter() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.accept(r.sid());
    engine.wrap(r.sid());
    engine.complete(r.sid());
    engine.reject(engine.reserve(WS, task(2), worker(1), "a").sid());
    engine.reserve(WS, task(3), worker(1), "a");
    engine.cancelTask(task(3));
    assertEquals(
        List.of(
            "reservation.created",
            "reservation.accepted",
            "reservation.wrapup",
            "reservation.completed",
            "reservation.created",
            "reservation.rejected",
            "reservation.created",
            "reservation.canceled"),
        eventNames());
    assertEquals(null, events.get(0).previousStatus());
    assertEquals(ReservationStatus.WRAPPING, events.get(3).previousStatus());
    for (ReservationEvent e : events) {
      assertEquals(e.reservation().dateUpdated(), e.at());
    }
  }

  @Test
  void listener_reentrantReserveOnReject_seesOrderedEvents() {
    List<String> seen = new ArrayList<>();
    ReservationEngine[] holder = new ReservationEngine[1];
    Consumer<ReservationEvent> next =
        e -> {
          seen.add(e.type().eventName() + " " + e.reservation().workerSid().low());
          if (e.type() == ReservationEvent.Type.REJECTED && e.reservation().workerSid().low() < 3) {
            holder[0].reserve(
                WS,
                e.reservation().taskSid(),
                worker((int) e.reservation().workerSid().low() + 1),
                "next");
          }
        };
    holder[0] = ReservationEngine.builder().seed(1).clock(clock).listener(next::accept).build();
    ReservationEngine e = holder[0];
    Reservation first = e.reserve(WS, task(1), worker(1), "a");
    e.reject(first.sid());
    Reservation second =
        e.list(ReservationQuery.forTask(WS, task(1)).withStatus(ReservationStatus.PENDING))
            .items()
            .get(0);
    e.reject(second.sid());
    assertEquals(
        List.of(
            "reservation.created 1",
            "reservation.rejected 1",
            "reservation.created 2",
            "reservation.rejected 2",
            "reservation.created 3"),
        seen);
    assertEquals(3, e.size());
  }

  @Test
  void listener_throwing_changeStaysAndOthersStillHear() {
    List<ReservationEvent> second = new ArrayList<>();
    RuntimeException boom = new IllegalStateException("boom");
    RuntimeException bang = new IllegalStateException("bang");
    ReservationEngine e =
        ReservationEngine.builder()
            .seed(2)
            .clock(clock)
            .listener(
                x -> {
                  throw boom;
                })
            .listener(second::add)
            .listener(
                x -> {
                  throw bang;
                })
            .build();
    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> e.reserve(WS, task(1), worker(1), "a"));
    assertSame(boom, thrown);
    assertEquals(List.of(bang), List.of(thrown.getSuppressed()));
    assertEquals(1, second.size());
    assertEquals(1, e.size());
  }

  @Test
  void listener_failedCall_deliversOnlyItsTimeouts() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    Reservation other = engine.reserve(WS, task(2), worker(1), "a", Duration.ofSeconds(1));
    events.clear();
    clock.advance(Duration.ofSeconds(2));
    assertThrows(
        VersionMismatchException.class,
        () -> engine.update(r.sid(), ReservationStatus.ACCEPTED, 3));
    assertEquals(List.of("reservation.timeout"), eventNames());
    assertEquals(other.sid(), events.get(0).reservation().sid());
  }

  @Test
  void conditionalUpdate_atDeadline_failsAsVersionMismatch() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.advance(Duration.ofSeconds(30));
    VersionMismatchException e =
        assertThrows(
            VersionMismatchException.class,
            () -> engine.update(r.sid(), ReservationStatus.ACCEPTED, 0));
    assertEquals(1, e.currentVersion());
  }

  @Test
  void versions_growByOnePerTransition() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    assertEquals(0, r.version());
    assertEquals(1, engine.accept(r.sid()).version());
    assertEquals(2, engine.wrap(r.sid()).version());
    assertEquals(3, engine.complete(r.sid()).version());
    assertEquals(ReservationStatus.PENDING, r.status());
  }

  @Test
  void determinism_sameSeedCallsAndClock_identicalReservationsAndPages() {
    assertEquals(scenario(99), scenario(99));
    assertTrue(!scenario(99).equals(scenario(100)));
  }

  private static List<Object> scenario(long seed) {
    ManualClock c = new ManualClock(T0);
    ReservationEngine e = ReservationEngine.builder().seed(seed).clock(c).build();
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Reservation r = e.reserve(WS, task(i / 3), worker(i % 11), "w" + (i % 11));
      out.add(r);
      if (i % 6 == 2) {
        out.add(e.accept(r.sid()));
      }
      c.advance(Duration.ofMillis(i % 7));
    }
    c.advance(Duration.ofMinutes(5));
    out.add(e.expireDue());
    Page<Reservation> page = e.list(ReservationQuery.forWorker(WS, worker(3)).withPageSize(7));
    out.add(page);
    out.add(e.list(page.nextPage().orElseThrow()));
    return out;
  }

  @Test
  void defaultEngines_neverShareSids() {
    ReservationEngine a = ReservationEngine.create();
    ReservationEngine b = ReservationEngine.create();
    assertTrue(
        !a.reserve(WS, task(1), worker(1), "a")
            .sid()
            .equals(b.reserve(WS, task(1), worker(1), "a").sid()));
    assertTrue(!a.accountSid().equals(b.accountSid()));
  }
}
