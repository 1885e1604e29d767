package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.WS2;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationConflictException;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationNotFoundException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deleteTask} and the automatic deletion of finished tasks, across every configuration of
 * {@link EngineConfig#behaviour()}: what is deleted, what is refused, which events fire, and what
 * the engine forgets.
 */
@ParameterizedClass
@MethodSource("dev.reservations.engine.EngineConfig#behaviour")
class DeleteTaskTest {
  private static final Instant T0 = Instant.parse("2024-06-03T08:00:00.5Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RETENTION = Duration.ofMinutes(5);

  /** The reason of the conflict that refuses to delete an assigned task not yet completed. */
  private static final String ASSIGNED_REASON =
      "task has an accepted or wrapping reservation and cannot be deleted until it completes";

  /** The builder setting's name in its messages, and its parameter's name. */
  private static final String RETENTION_SETTING = "retention of finished tasks";

  private static final String RETENTION_PARAMETER = "retention";

  private final ManualClock clock = new ManualClock(T0);
  private final List<ReservationEvent> events = new ArrayList<>();
  private final EngineConfig config;
  private final ContractEngine engine;

  DeleteTaskTest(EngineConfig config) {
    this.config = config;
    this.engine = new ContractEngine(config, 17, clock, TIMEOUT, events::add);
  }

  /** An engine of this configuration that deletes finished tasks after {@link #RETENTION}. */
  private ContractEngine retaining(List<ReservationEvent> heard) {
    return new ContractEngine(config, 19, clock, TIMEOUT, RETENTION, heard::add);
  }

  private static ReservationQuery ofTask(TaskSid task) {
    return ReservationQuery.forTask(WS, task);
  }

  private List<ReservationEvent> eventsSince(int from) {
    return List.copyOf(events.subList(from, events.size()));
  }

  private static List<ReservationEvent> deleted(List<ReservationEvent> heard) {
    return heard.stream().filter(e -> e.type() == ReservationEvent.Type.DELETED).toList();
  }

  @Test
  void deleteTask_finishedTask_returnsItsReservationsInListOrderAsTheyWere() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    clock.advance(Duration.ofMillis(3));
    Reservation b = engine.reserve(WS, task(1), worker(2), "b");
    Reservation c = engine.reserve(WS, task(1), worker(3), "c");
    engine.accept(c.sid());
    clock.advance(Duration.ofSeconds(4));
    engine.complete(c.sid());
    List<Reservation> before = engine.list(ofTask(task(1))).items();
    assertEquals(3, before.size());
    assertEquals(a.sid(), before.get(0).sid());
    clock.advance(Duration.ofSeconds(9));

    List<Reservation> gone = engine.deleteTask(task(1));

    assertEquals(before, gone);
    for (Reservation r : gone) {
      assertEquals(
          r.sid().equals(c.sid()) ? ReservationStatus.COMPLETED : ReservationStatus.RESCINDED,
          r.status());
    }
    assertEquals(sortedSids(gone), gone.stream().map(Reservation::sid).toList());
  }

  private static List<ReservationSid> sortedSids(List<Reservation> rs) {
    return sortedInListOrder(rs).stream().map(Reservation::sid).toList();
  }

  @Test
  void deleteTask_deletedReservations_vanishFromFindGetListsAndCounts() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    Reservation b = engine.reserve(WS, task(1), worker(2), "b");
    Reservation kept = engine.reserve(WS, task(2), worker(1), "a");
    engine.accept(a.sid());
    engine.complete(a.sid());

    engine.deleteTask(task(1));

    for (ReservationSid sid : List.of(a.sid(), b.sid())) {
      assertEquals(Optional.empty(), engine.find(sid));
      ReservationNotFoundException e =
          assertThrows(ReservationNotFoundException.class, () -> engine.get(sid));
      assertEquals("reservation not found: " + sid, e.getMessage());
      assertThrows(ReservationNotFoundException.class, () -> engine.accept(sid));
      assertThrows(
          ReservationNotFoundException.class,
          () -> engine.update(sid, ReservationStatus.COMPLETED));
    }
    assertEquals(List.of(), engine.list(ofTask(task(1))).items());
    assertEquals(
        List.of(), engine.list(ofTask(task(1)).withStatus(ReservationStatus.COMPLETED)).items());
    assertEquals(List.of(), engine.list(ofTask(task(1)).withWorker(worker(2))).items());
    assertEquals(List.of(kept), engine.list(ReservationQuery.forWorker(WS, worker(1))).items());
    assertEquals(List.of(), engine.list(ReservationQuery.forWorker(WS, worker(2))).items());
    assertEquals(0, engine.count(ofTask(task(1))));
    assertEquals(0, engine.count(ofTask(task(1)).withStatus(ReservationStatus.RESCINDED)));
    assertEquals(1, engine.count(ReservationQuery.forWorker(WS, worker(1))));
    assertEquals(
        0,
        engine.count(
            ReservationQuery.forWorker(WS, worker(1)).withStatus(ReservationStatus.COMPLETED)));
    assertEquals(0, engine.count(ReservationQuery.forWorker(WS, worker(2))));
    List<ReservationSid> scanned = new ArrayList<>();
    assertEquals(
        1,
        engine.scan(
            ReservationQuery.forWorker(WS, worker(1)),
            r -> scanned.add(new ReservationSid(r.sidHigh(), r.sidLow()))));
    assertEquals(List.of(kept.sid()), scanned);
    assertEquals(0, engine.scan(ofTask(task(1)), r -> scanned.add(null)));
    assertEquals(1, engine.size());
    assertEquals(1, engine.count(ReservationStatus.PENDING));
    assertEquals(0, engine.count(ReservationStatus.COMPLETED));
    assertEquals(0, engine.count(ReservationStatus.RESCINDED));
  }

  @Test
  void deleteTask_pendingReservations_areCanceledThenDeleted() {
    Reservation rejected = engine.reserve(WS, task(1), worker(1), "a");
    engine.reject(rejected.sid());
    clock.advance(Duration.ofSeconds(1));
    Reservation p1 = engine.reserve(WS, task(1), worker(2), "b");
    clock.advance(Duration.ofSeconds(1));
    Reservation p2 = engine.reserve(WS, task(1), worker(3), "c");
    clock.advance(Duration.ofSeconds(2));
    Instant deletion = clock.instant();
    int from = events.size();

    List<Reservation> gone = engine.deleteTask(task(1));

    Reservation c1 = canceled(p1, deletion);
    Reservation c2 = canceled(p2, deletion);
    Reservation r = withVersion(rejected, ReservationStatus.REJECTED, 1, rejected.dateCreated());
    assertEquals(List.of(r, c1, c2), gone);
    assertEquals(
        List.of(
            new ReservationEvent(
                ReservationEvent.Type.CANCELED, c1, ReservationStatus.PENDING, deletion),
            new ReservationEvent(
                ReservationEvent.Type.CANCELED, c2, ReservationStatus.PENDING, deletion),
            new ReservationEvent(
                ReservationEvent.Type.DELETED, r, ReservationStatus.REJECTED, deletion),
            new ReservationEvent(
                ReservationEvent.Type.DELETED, c1, ReservationStatus.CANCELED, deletion),
            new ReservationEvent(
                ReservationEvent.Type.DELETED, c2, ReservationStatus.CANCELED, deletion)),
        eventsSince(from));
    assertEquals(0, engine.size());
    assertEquals(0, engine.count(ReservationStatus.PENDING));
    assertEquals(0, engine.count(ReservationStatus.CANCELED));
    assertEquals(List.of(), engine.expireDue());
  }

  /** A rejected reservation of {@link #deleteTask_pendingReservations_areCanceledThenDeleted}. */
  private static Reservation withVersion(
      Reservation r, ReservationStatus status, long version, Instant updated) {
    return new Reservation(
        r.sid(),
        r.accountSid(),
        r.workspaceSid(),
        r.taskSid(),
        r.workerSid(),
        r.workerName(),
        status,
        r.dateCreated(),
        updated,
        version);
  }

  private static Reservation canceled(Reservation pending, Instant at) {
    return withVersion(pending, ReservationStatus.CANCELED, 1, at);
  }

  @Test
  void deleteTask_event_namesTheReservationAsItWasAtTheDeletionTime() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.accept(r.sid());
    clock.advance(Duration.ofSeconds(2));
    Reservation completed = engine.complete(r.sid());
    clock.advance(Duration.ofMinutes(7));
    int from = events.size();

    assertEquals(List.of(completed), engine.deleteTask(task(1)));

    List<ReservationEvent> heard = eventsSince(from);
    assertEquals(
        List.of(
            new ReservationEvent(
                ReservationEvent.Type.DELETED,
                completed,
                ReservationStatus.COMPLETED,
                T0.plusSeconds(2).plus(Duration.ofMinutes(7)))),
        heard);
    assertEquals("task.deleted", heard.get(0).type().eventName());
    assertTrue(heard.get(0).at().isAfter(heard.get(0).reservation().dateUpdated()));
  }

  @Test
  void deleteTask_clockWentBack_eventIsAtTheEnginesTime() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.advance(Duration.ofSeconds(5));
    Reservation rejected = engine.reject(r.sid());
    clock.set(T0.minusSeconds(60));
    int from = events.size();

    assertEquals(List.of(rejected), engine.deleteTask(task(1)));

    assertEquals(
        List.of(
            new ReservationEvent(
                ReservationEvent.Type.DELETED,
                rejected,
                ReservationStatus.REJECTED,
                T0.plusSeconds(5))),
        eventsSince(from));
  }

  @Test
  void deleteTask_dueTimeout_isAppliedFirst_andTheReservationDeletedAsTimedOut() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    clock.advance(TIMEOUT.plusSeconds(10));
    int from = events.size();

    List<Reservation> gone = engine.deleteTask(task(1));

    Reservation timedOut = withVersion(r, ReservationStatus.TIMEOUT, 1, T0.plus(TIMEOUT));
    assertEquals(List.of(timedOut), gone);
    assertEquals(
        List.of(
            new ReservationEvent(
                ReservationEvent.Type.TIMEOUT,
                timedOut,
                ReservationStatus.PENDING,
                T0.plus(TIMEOUT)),
            new ReservationEvent(
                ReservationEvent.Type.DELETED,
                timedOut,
                ReservationStatus.TIMEOUT,
                T0.plus(TIMEOUT).plusSeconds(10))),
        eventsSince(from));
  }

  @ParameterizedTest
  @ValueSource(strings = {"accepted", "wrapping"})
  void deleteTask_assignedTaskNotCompleted_throwsConflictAndChangesNothing(String state) {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    Reservation b = engine.reserve(WS, task(1), worker(2), "b");
    engine.reject(b.sid());
    engine.accept(a.sid());
    if (state.equals("wrapping")) {
      engine.wrap(a.sid());
    }
    List<Reservation> before = engine.list(ofTask(task(1))).items();
    int from = events.size();

    ReservationConflictException e =
        assertThrows(ReservationConflictException.class, () -> engine.deleteTask(task(1)));

    assertEquals("task " + task(1) + ": " + ASSIGNED_REASON, e.getMessage());
    assertEquals(ASSIGNED_REASON, e.reason());
    assertEquals(20409, e.code());
    assertEquals(task(1), e.taskSid());
    assertEquals(Optional.empty(), e.workerSid());
    assertEquals(List.of(), eventsSince(from));
    assertEquals(before, engine.list(ofTask(task(1))).items());
    assertEquals(2, engine.size());
    assertEquals(a.sid(), engine.complete(a.sid()).sid());
    assertEquals(before.size(), engine.deleteTask(task(1)).size());
  }

  @Test
  void deleteTask_unknownTask_returnsEmptyAndChangesNothing() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    int from = events.size();

    assertEquals(List.of(), engine.deleteTask(task(9)));

    assertEquals(List.of(), eventsSince(from));
    assertEquals(List.of(r), engine.list(ofTask(task(1))).items());
    assertEquals(1, engine.size());
    // the unknown task is not made known (canceled, say) by the call
    assertEquals(ReservationStatus.PENDING, engine.reserve(WS, task(9), worker(1), "a").status());
  }

  @Test
  void deleteTask_secondTime_returnsEmptyAndFiresNothing() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.reject(r.sid());
    assertEquals(1, engine.deleteTask(task(1)).size());
    int from = events.size();

    assertEquals(List.of(), engine.deleteTask(task(1)));

    assertEquals(List.of(), eventsSince(from));
    assertEquals(0, engine.size());
  }

  @Test
  void deleteTask_taskCanceledBeforeItsFirstReservation_returnsEmptyAndForgetsTheCancel() {
    assertEquals(List.of(), engine.cancelTask(task(7)));
    assertThrows(
        ReservationConflictException.class, () -> engine.reserve(WS, task(7), worker(1), "a"));
    int from = events.size();

    assertEquals(List.of(), engine.deleteTask(task(7)));

    assertEquals(List.of(), eventsSince(from));
    Reservation r = engine.reserve(WS, task(7), worker(1), "a");
    assertEquals(ReservationStatus.PENDING, r.status());
    assertEquals(List.of(r), engine.list(ofTask(task(7))).items());
  }

  @ParameterizedTest
  @ValueSource(strings = {"completed", "canceled", "rejected"})
  void reserve_afterDeleteTask_startsANewTask(String end) {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    Reservation b = engine.reserve(WS, task(1), worker(2), "b");
    switch (end) {
      case "completed":
        engine.accept(a.sid());
        engine.complete(a.sid());
        break;
      case "canceled":
        engine.cancelTask(task(1));
        break;
      default:
        engine.reject(a.sid());
        engine.reject(b.sid());
    }
    engine.deleteTask(task(1));
    clock.advance(Duration.ofSeconds(1));

    Reservation again = engine.reserve(WS, task(1), worker(2), "b");
    Reservation other = engine.reserve(WS, task(1), worker(1), "a");

    assertEquals(ReservationStatus.PENDING, again.status());
    assertEquals(0, again.version());
    assertNotEquals(a.sid(), again.sid());
    assertNotEquals(b.sid(), again.sid());
    assertNotEquals(a.sid(), other.sid());
    assertNotEquals(b.sid(), other.sid());
    assertEquals(sortedInListOrder(List.of(again, other)), engine.list(ofTask(task(1))).items());
    // the new task is a task like any other: it can be assigned and canceled again
    engine.accept(other.sid());
    assertEquals(ReservationStatus.RESCINDED, engine.get(again.sid()).status());
    assertThrows(ReservationConflictException.class, () -> engine.cancelTask(task(1)));
  }

  @Test
  void reserve_afterDeleteTask_newTaskTakesTheWorkspaceOfItsFirstReservation() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    engine.reject(a.sid());
    engine.deleteTask(task(1));

    Reservation moved = engine.reserve(WS2, task(1), worker(8), "h");

    assertEquals(WS2, moved.workspaceSid());
    assertEquals(List.of(moved), engine.list(ReservationQuery.forTask(WS2, task(1))).items());
    assertEquals(List.of(), engine.list(ofTask(task(1))).items());
    assertThrows(IllegalArgumentException.class, () -> engine.reserve(WS, task(1), worker(1), "a"));
  }

  @Test
  void reserve_afterDeletions_neverHandsOutADeletedSid() {
    Set<ReservationSid> seen = new HashSet<>();
    for (int round = 0; round < 200; round++) {
      List<Reservation> made = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        Reservation r = engine.reserve(WS, task(round % 4), worker(w), "w" + w);
        assertTrue(seen.add(r.sid()), () -> "sid handed out twice: " + r.sid());
        made.add(r);
      }
      if (round % 2 == 0) {
        engine.accept(made.get(round % 3).sid());
        engine.complete(made.get(round % 3).sid());
      } else {
        engine.cancelTask(task(round % 4));
      }
      assertEquals(3, engine.deleteTask(task(round % 4)).size());
      for (Reservation r : made) {
        assertEquals(Optional.empty(), engine.find(r.sid()));
      }
      assertEquals(0, engine.size());
    }
  }

  @Test
  void deleteTask_nullTask_throwsNpeNamingTheParameter() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> engine.engine().deleteTask(null));
    assertEquals("taskSid", e.getMessage());
  }

  @Test
  void list_tokenIssuedBeforeADeletion_stillWalksTheRest() {
    List<Reservation> made = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      Reservation r = engine.reserve(WS, task(t), worker(1), "a");
      engine.reject(r.sid());
      made.add(engine.get(r.sid()));
      clock.advance(Duration.ofMillis(1));
    }
    ReservationQuery ofWorker = ReservationQuery.forWorker(WS, worker(1)).withPageSize(2);
    ReservationQuery next = engine.list(ofWorker).nextPage().orElseThrow();
    engine.deleteTask(task(2));
    engine.deleteTask(task(1));

    List<Reservation> rest = new ArrayList<>();
    Optional<ReservationQuery> at = Optional.of(next);
    while (at.isPresent()) {
      var page = engine.list(at.get());
      rest.addAll(page.items());
      at = page.nextPage();
    }

    assertEquals(List.of(made.get(3), made.get(4), made.get(5)), rest);
  }

  @Test
  void deleteTask_fromAListenerOnCompletion_deletesTheTaskAfterItsEvent() {
    List<ReservationEvent> heard = new ArrayList<>();
    ReservationEngine[] self = new ReservationEngine[1];
    ReservationEngine raw =
        InvariantsExtension.track(
            ReservationEngine.builder()
                .seed(23)
                .clock(clock)
                .listener(heard::add)
                .listener(
                    event -> {
                      if (event.type() == ReservationEvent.Type.COMPLETED) {
                        self[0].deleteTask(event.reservation().taskSid());
                      }
                    })
                .build());
    self[0] = raw;
    Reservation r = raw.reserve(WS, task(1), worker(1), "a");
    raw.accept(r.sid());

    Reservation completed = raw.complete(r.sid());

    assertEquals(ReservationStatus.COMPLETED, completed.status());
    assertEquals(Optional.empty(), raw.find(r.sid()));
    assertEquals(
        List.of(
            ReservationEvent.Type.CREATED,
            ReservationEvent.Type.ACCEPTED,
            ReservationEvent.Type.COMPLETED,
            ReservationEvent.Type.DELETED),
        heard.stream().map(ReservationEvent::type).toList());
    assertEquals(completed, heard.get(3).reservation());
    assertEquals(0, raw.size());
  }

  @Test
  void deleteTask_fromAScansVisitor_isRefusedAndChangesNothing() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.reject(r.sid());
    engine.reserve(WS, task(2), worker(1), "a");
    ReservationEngine raw = engine.engine();
    int from = events.size();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                raw.scan(ReservationQuery.forWorker(WS, worker(1)), c -> raw.deleteTask(task(1))));

    assertEquals(
        "a scan's visitor must not change the engine, nor let timeouts fall due: the "
            + "engine is being scanned",
        e.getMessage());
    assertEquals(List.of(), eventsSince(from));
    assertEquals(ReservationStatus.REJECTED, engine.get(r.sid()).status());
    assertEquals(2, engine.size());
  }

  @Test
  void automaticDeletion_fallingDueInsideAScansVisitor_isRefusedAndAppliedByTheNextCall() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    Reservation r = e.reserve(WS, task(1), worker(1), "a");
    e.reject(r.sid());
    e.cancelTask(task(1));
    ReservationEngine raw = e.engine();

    assertThrows(
        IllegalStateException.class,
        () ->
            raw.scan(
                ReservationQuery.forWorker(WS, worker(1)),
                c -> {
                  clock.advance(RETENTION);
                  raw.find(r.sid());
                }));

    assertEquals(List.of(), deleted(heard));
    assertEquals(Optional.empty(), e.find(r.sid()));
    assertEquals(
        List.of(r.sid()), deleted(heard).stream().map(x -> x.reservation().sid()).toList());
  }

  // ---- the builder option ----

  @Test
  void builder_deleteFinishedTasksAfterTwice_throwsIse() {
    ReservationEngine.Builder builder =
        ReservationEngine.builder().deleteFinishedTasksAfter(RETENTION);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> builder.deleteFinishedTasksAfter(RETENTION));
    assertEquals(RETENTION_SETTING + " is already set; set it once", e.getMessage());
  }

  @Test
  void builder_deleteFinishedTasksAfterNonPositive_throwsIae() {
    ReservationEngine.Builder builder = ReservationEngine.builder();
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class, () -> builder.deleteFinishedTasksAfter(Duration.ZERO));
    assertEquals(RETENTION_SETTING + " must be positive: PT0S", zero.getMessage());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.deleteFinishedTasksAfter(Duration.ofNanos(-1)));
    assertEquals(RETENTION_SETTING + " must be positive: PT-0.000000001S", negative.getMessage());
    NullPointerException none =
        assertThrows(NullPointerException.class, () -> builder.deleteFinishedTasksAfter(null));
    assertEquals(RETENTION_PARAMETER, none.getMessage());
    // a refused value sets nothing: the option can still be set once
    builder.deleteFinishedTasksAfter(Duration.ofNanos(1));
    assertThrows(
        IllegalStateException.class, () -> builder.deleteFinishedTasksAfter(Duration.ofNanos(1)));
  }

  // ---- automatic deletion ----

  @Test
  void automaticDeletion_byDefault_keepsEveryFinishedTask() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    engine.accept(a.sid());
    engine.complete(a.sid());
    Reservation b = engine.reserve(WS, task(2), worker(1), "a");
    engine.cancelTask(task(2));
    engine.cancelTask(task(3));
    clock.advance(Duration.ofDays(4000));

    assertEquals(2, engine.size());
    assertEquals(ReservationStatus.COMPLETED, engine.get(a.sid()).status());
    assertEquals(ReservationStatus.CANCELED, engine.get(b.sid()).status());
    assertThrows(
        ReservationConflictException.class, () -> engine.reserve(WS, task(3), worker(1), "a"));
    assertEquals(List.of(), deleted(events));
  }

  @Test
  void automaticDeletion_completedTask_isDeletedAtFinishPlusRetention() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    Reservation a = e.reserve(WS, task(1), worker(1), "a");
    Reservation b = e.reserve(WS, task(1), worker(2), "b");
    e.accept(a.sid());
    clock.advance(Duration.ofSeconds(3));
    Reservation completed = e.complete(a.sid());
    Instant finish = clock.instant();
    Reservation rescinded = e.get(b.sid());
    clock.set(finish.plus(RETENTION).minusNanos(1));

    assertEquals(2, e.size());
    assertEquals(List.of(), deleted(heard));

    clock.set(finish.plus(RETENTION).plusSeconds(7));
    assertEquals(Optional.empty(), e.find(a.sid()));
    assertEquals(Optional.empty(), e.find(b.sid()));
    assertEquals(0, e.size());
    List<ReservationEvent> gone = deleted(heard);
    List<Reservation> inListOrder = sortedInListOrder(List.of(completed, rescinded));
    assertEquals(inListOrder, gone.stream().map(ReservationEvent::reservation).toList());
    for (ReservationEvent event : gone) {
      assertEquals(event.reservation().status(), event.previousStatus());
      assertEquals(finish.plus(RETENTION), event.at());
    }
    // the task is forgotten: it takes reservations again
    assertEquals(ReservationStatus.PENDING, e.reserve(WS, task(1), worker(2), "b").status());
  }

  private static List<Reservation> sortedInListOrder(List<Reservation> rs) {
    List<Reservation> sorted = new ArrayList<>(rs);
    sorted.sort(
        (x, y) -> {
          int byDate = x.dateCreated().compareTo(y.dateCreated());
          if (byDate != 0) {
            return byDate;
          }
          int high = Long.compareUnsigned(x.sid().high(), y.sid().high());
          return high != 0 ? high : Long.compareUnsigned(x.sid().low(), y.sid().low());
        });
    return sorted;
  }

  @Test
  void automaticDeletion_wrappedThenCompletedTask_isDeletedAfterItsCompletion() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    Reservation a = e.reserve(WS, task(1), worker(1), "a");
    e.accept(a.sid());
    clock.advance(RETENTION.multipliedBy(3));
    e.wrap(a.sid());
    clock.advance(RETENTION.multipliedBy(3));
    assertEquals(ReservationStatus.WRAPPING, e.get(a.sid()).status());
    e.update(a.sid(), ReservationStatus.COMPLETED);
    clock.advance(RETENTION.minusNanos(1));
    assertEquals(1, e.size());

    clock.advance(Duration.ofNanos(1));

    assertEquals(0, e.size());
    assertEquals(1, deleted(heard).size());
  }

  @Test
  void automaticDeletion_canceledTask_isDeletedWithAllItsReservations() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    Reservation a = e.reserve(WS, task(1), worker(1), "a");
    e.reject(a.sid());
    Reservation b = e.reserve(WS, task(1), worker(2), "b");
    Reservation kept = e.reserve(WS, task(2), worker(1), "a");
    clock.advance(Duration.ofSeconds(1));
    e.cancelTask(task(1));
    Instant finish = clock.instant();
    clock.advance(Duration.ofSeconds(10));
    // a second cancel is no new finish
    assertEquals(List.of(), e.cancelTask(task(1)));
    clock.set(finish.plus(RETENTION));

    assertEquals(List.of(kept.sid()), sids(e.list(ReservationQuery.forWorker(WS, worker(1)))));

    List<Reservation> gone = deleted(heard).stream().map(ReservationEvent::reservation).toList();
    assertEquals(sortedSids(List.of(a, b)), gone.stream().map(Reservation::sid).toList());
    for (ReservationEvent x : deleted(heard)) {
      assertEquals(
          x.reservation().sid().equals(a.sid())
              ? ReservationStatus.REJECTED
              : ReservationStatus.CANCELED,
          x.previousStatus());
    }
    assertEquals(1, e.size());
  }

  private static List<ReservationSid> sids(dev.reservations.query.Page<Reservation> page) {
    return page.items().stream().map(Reservation::sid).toList();
  }

  @Test
  void automaticDeletion_taskCanceledBeforeAnyReservation_forgetsTheCancelAfterRetention() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    e.cancelTask(task(5));
    clock.advance(RETENTION.minusNanos(1));
    assertThrows(ReservationConflictException.class, () -> e.reserve(WS, task(5), worker(1), "a"));

    clock.advance(Duration.ofNanos(1));

    assertEquals(ReservationStatus.PENDING, e.reserve(WS, task(5), worker(1), "a").status());
    assertEquals(List.of(), deleted(heard));
  }

  @Test
  void automaticDeletion_unfinishedTasks_areKept() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    Reservation rejected = e.reserve(WS, task(1), worker(1), "a");
    e.reject(rejected.sid());
    e.reserve(WS, task(2), worker(1), "a");
    Reservation accepted = e.reserve(WS, task(3), worker(1), "a");
    e.accept(accepted.sid());
    Reservation wrapping = e.reserve(WS, task(4), worker(1), "a");
    e.accept(wrapping.sid());
    e.wrap(wrapping.sid());

    clock.advance(RETENTION.multipliedBy(100));

    assertEquals(4, e.size());
    assertEquals(1, e.count(ReservationStatus.TIMEOUT));
    assertEquals(List.of(), deleted(heard));
  }

  @Test
  void automaticDeletion_taskDeletedByHandAndMadeAgain_keepsTheNewTaskUntilItFinishes() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    Reservation old = e.reserve(WS, task(1), worker(1), "a");
    e.accept(old.sid());
    e.complete(old.sid());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, e.deleteTask(task(1)).size());
    Reservation fresh = e.reserve(WS, task(1), worker(1), "a");
    e.accept(fresh.sid());

    clock.advance(RETENTION.multipliedBy(2));

    assertEquals(ReservationStatus.ACCEPTED, e.get(fresh.sid()).status());
    assertEquals(1, deleted(heard).size());
    clock.advance(Duration.ofSeconds(1));
    e.complete(fresh.sid());
    Instant finish = clock.instant();
    clock.set(finish.plus(RETENTION).minusNanos(1));
    assertEquals(1, e.size());
    clock.set(finish.plus(RETENTION));
    assertEquals(0, e.size());
    assertEquals(2, deleted(heard).size());
  }

  @Test
  void automaticDeletion_canceledTaskRecreatedAfterDeletion_isDeletedOnItsOwnFinish() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    e.reserve(WS, task(1), worker(1), "a");
    e.cancelTask(task(1));
    clock.advance(RETENTION);
    Reservation fresh = e.reserve(WS, task(1), worker(2), "b");
    assertEquals(1, deleted(heard).size());

    clock.advance(RETENTION.multipliedBy(2));

    assertEquals(ReservationStatus.TIMEOUT, e.get(fresh.sid()).status());
    assertEquals(1, deleted(heard).size());
  }

  @Test
  void automaticDeletion_manyTasksFinishingOverTime_areDeletedInFinishOrderWhenDue() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    List<TaskSid> finishOrder = new ArrayList<>();
    List<Instant> finishedAt = new ArrayList<>();
    for (int t = 0; t < 400; t++) {
      Reservation r = e.reserve(WS, task(t), worker(t % 5), "w");
      if (t % 3 == 0) {
        e.cancelTask(task(t));
      } else {
        e.accept(r.sid());
        if (t % 7 == 0) {
          e.wrap(r.sid());
        }
        e.complete(r.sid());
      }
      finishOrder.add(task(t));
      finishedAt.add(clock.instant());
      // some deleted by hand before they fall due, others started again after
      if (t % 11 == 5) {
        e.deleteTask(task(t - 3));
      }
      clock.advance(Duration.ofSeconds(1 + t % 4));
      Instant now = clock.instant();
      int due = 0;
      while (due < finishedAt.size() && !finishedAt.get(due).plus(RETENTION).isAfter(now)) {
        due++;
      }
      int byHand = 0;
      for (int x = 5; x <= t; x += 11) {
        if (x - 3 >= due) {
          byHand++;
        }
      }
      assertEquals(t + 1 - due - byHand, e.size(), "tasks still kept after task " + t);
    }
    List<TaskSid> expected =
        finishOrder.stream()
            .filter(
                x ->
                    e.engine().count(ReservationQuery.forTask(WS, x)) == 0
                        && (x.low() - 2) % 11 != 0)
            .toList();
    List<TaskSid> deletedInOrder =
        deleted(heard).stream()
            .map(x -> x.reservation().taskSid())
            .filter(x -> (x.low() - 2) % 11 != 0)
            .toList();
    assertEquals(expected, deletedInOrder);
    for (ReservationEvent x : deleted(heard)) {
      int t = (int) x.reservation().taskSid().low();
      if ((t - 2) % 11 != 0) {
        assertEquals(finishedAt.get(t).plus(RETENTION), x.at(), "task " + t);
      }
    }
  }

  @Test
  void automaticDeletion_retentionPastTheRangeOfTime_keepsTasksForever() {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e =
        new ContractEngine(
            config, 29, clock, TIMEOUT, Duration.ofSeconds(Long.MAX_VALUE), heard::add);
    Reservation r = e.reserve(WS, task(1), worker(1), "a");
    e.cancelTask(task(1));
    clock.set(Instant.parse("2262-01-01T00:00:00Z"));

    assertEquals(ReservationStatus.CANCELED, e.get(r.sid()).status());
    assertEquals(List.of(), deleted(heard));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"list", "find", "get", "size", "count", "countQuery", "scan", "reserve", "expire"})
  void automaticDeletion_everyOperation_appliesTheDeletionsDue(String operation) {
    List<ReservationEvent> heard = new ArrayList<>();
    ContractEngine e = retaining(heard);
    Reservation done = e.reserve(WS, task(1), worker(1), "a");
    Reservation other = e.reserve(WS, task(2), worker(1), "a");
    e.reject(done.sid());
    e.cancelTask(task(1));
    clock.advance(RETENTION.plusSeconds(1));
    heard.clear();
    switch (operation) {
      case "list":
        assertEquals(List.of(), e.list(ofTask(task(1))).items());
        break;
      case "find":
        assertEquals(Optional.empty(), e.find(done.sid()));
        break;
      case "get":
        assertEquals(ReservationStatus.TIMEOUT, e.get(other.sid()).status());
        break;
      case "size":
        assertEquals(1, e.size());
        break;
      case "count":
        assertEquals(0, e.count(ReservationStatus.REJECTED));
        break;
      case "countQuery":
        assertEquals(0, e.count(ofTask(task(1))));
        break;
      case "scan":
        assertEquals(1, e.scan(ReservationQuery.forWorker(WS, worker(1)), r -> {}));
        break;
      case "reserve":
        e.reserve(WS, task(1), worker(1), "a");
        break;
      default:
        assertEquals(List.of(other.sid()), e.expireDue().stream().map(Reservation::sid).toList());
    }
    assertEquals(
        List.of(done.sid()), deleted(heard).stream().map(x -> x.reservation().sid()).toList());
    assertEquals(
        List.of(done.sid()), deleted(heard).stream().map(x -> x.reservation().sid()).toList());
    assertFalse(e.find(done.sid()).isPresent());
  }
}
