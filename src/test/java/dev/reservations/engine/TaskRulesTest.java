package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.WS2;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationConflictException;
import dev.reservations.core.ReservationNotFoundException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.VersionMismatchException;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.reservations.engine.EngineConfig#behaviour")
class TaskRulesTest {
  private final ManualClock clock = ManualClock.at("2024-01-01T00:00:00Z");
  private final EngineConfig config;
  private final ContractEngine engine;

  TaskRulesTest(EngineConfig config) {
    this.config = config;
    this.engine = new ContractEngine(config, 11, clock, ContractEngine.TWO_MINUTES);
  }

  @Test
  void reserve_assignedTask_throwsConflictAndChangesNothing() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.accept(r.sid());
    ReservationConflictException e =
        assertThrows(
            ReservationConflictException.class, () -> engine.reserve(WS, task(1), worker(2), "b"));
    assertEquals(
        "task "
            + task(1)
            + ", worker "
            + worker(2)
            + ": task is assigned and takes no new reservation",
        e.getMessage());
    assertEquals(20409, e.code());
    assertEquals(task(1), e.taskSid());
    assertEquals(Optional.of(worker(2)), e.workerSid());
    assertEquals(1, engine.size());
  }

  @Test
  void reserve_completedTask_stillAssigned_throwsConflict() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.accept(r.sid());
    engine.complete(r.sid());
    assertThrows(
        ReservationConflictException.class, () -> engine.reserve(WS, task(1), worker(1), "a"));
  }

  @Test
  void reserve_canceledTask_throwsConflict() {
    engine.reserve(WS, task(1), worker(1), "a");
    engine.cancelTask(task(1));
    ReservationConflictException e =
        assertThrows(
            ReservationConflictException.class, () -> engine.reserve(WS, task(1), worker(2), "b"));
    assertEquals("task is canceled and takes no new reservation", e.reason());
  }

  @Test
  void reserve_secondPendingForSameWorker_throwsConflict() {
    engine.reserve(WS, task(1), worker(1), "a");
    ReservationConflictException e =
        assertThrows(
            ReservationConflictException.class, () -> engine.reserve(WS, task(1), worker(1), "a"));
    assertEquals(
        "task "
            + task(1)
            + ", worker "
            + worker(1)
            + ": worker already holds a pending reservation of this task",
        e.getMessage());
    assertEquals(1, engine.size());
  }

  @Test
  void reserve_sameWorkerAfterReject_isAllowed() {
    Reservation first = engine.reserve(WS, task(1), worker(1), "a");
    engine.reject(first.sid());
    Reservation second = engine.reserve(WS, task(1), worker(1), "a");
    assertEquals(ReservationStatus.PENDING, second.status());
    assertTrue(!first.sid().equals(second.sid()));
  }

  @Test
  void reserve_taskInSecondWorkspace_throwsIae() {
    engine.reserve(WS, task(1), worker(1), "a");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> engine.reserve(WS2, task(1), worker(9), "z"));
    assertEquals(
        "a task belongs to the workspace of its first reservation: "
            + task(1)
            + " is in "
            + WS
            + ", not "
            + WS2,
        e.getMessage());
    assertEquals(1, engine.size());
    assertEquals(0, engine.list(ReservationQuery.forWorker(WS2, worker(9))).items().size());
  }

  @Test
  void reserve_workerInSecondWorkspace_throwsIae() {
    engine.reserve(WS, task(1), worker(1), "a");
    assertThrows(
        IllegalArgumentException.class, () -> engine.reserve(WS2, task(2), worker(1), "a"));
  }

  @Test
  void list_taskUnderAnotherWorkspace_isEmptyPage() {
    engine.reserve(WS, task(1), worker(1), "a");
    assertEquals(List.of(), engine.list(ReservationQuery.forTask(WS2, task(1))).items());
    assertEquals(1, engine.list(ReservationQuery.forTask(WS, task(1))).items().size());
  }

  @Test
  void cancelTask_cancelsPendingOnly_inListOrder() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    clock.advance(Duration.ofMillis(5));
    Reservation b = engine.reserve(WS, task(1), worker(2), "b");
    Reservation c = engine.reserve(WS, task(1), worker(3), "c");
    engine.reject(b.sid());
    List<Reservation> canceled = engine.cancelTask(task(1));
    assertEquals(List.of(a.sid(), c.sid()), canceled.stream().map(Reservation::sid).toList());
    assertTrue(canceled.stream().allMatch(r -> r.status() == ReservationStatus.CANCELED));
    assertEquals(ReservationStatus.REJECTED, engine.get(b.sid()).status());
    assertEquals(List.of(), engine.cancelTask(task(1)));
    assertThrows(UnsupportedOperationException.class, () -> canceled.remove(0));
  }

  @Test
  void cancelTask_assignedTask_throwsConflictAndChangesNothing() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    engine.accept(a.sid());
    ReservationConflictException e =
        assertThrows(ReservationConflictException.class, () -> engine.cancelTask(task(1)));
    assertEquals("task " + task(1) + ": task is assigned and cannot be canceled", e.getMessage());
    assertEquals(Optional.empty(), e.workerSid());
    assertEquals(ReservationStatus.ACCEPTED, engine.get(a.sid()).status());
  }

  @Test
  void cancelTask_unknownTask_blocksLaterReserves() {
    assertEquals(List.of(), engine.cancelTask(task(7)));
    assertThrows(
        ReservationConflictException.class, () -> engine.reserve(WS2, task(7), worker(1), "a"));
    assertEquals(0, engine.size());
  }

  @Test
  void get_unknownSid_throwsNotFound() {
    ReservationSid sid = ReservationSid.parse("WR00000000000000000000000000000001");
    ReservationNotFoundException e =
        assertThrows(ReservationNotFoundException.class, () -> engine.get(sid));
    assertEquals("reservation not found: WR00000000000000000000000000000001", e.getMessage());
    assertEquals(20404, e.code());
    assertEquals(sid, e.sid());
    assertEquals(Optional.empty(), engine.find(sid));
    assertThrows(ReservationNotFoundException.class, () -> engine.accept(sid));
  }

  @Test
  void get_sidOfAnotherEngine_throwsNotFound() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    ReservationEngine other = ReservationEngine.builder().seed(12).build();
    assertThrows(ReservationNotFoundException.class, () -> other.get(r.sid()));
  }

  @Test
  void update_staleVersion_throwsAndChangesNothing() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.accept(r.sid());
    VersionMismatchException e =
        assertThrows(
            VersionMismatchException.class,
            () -> engine.update(r.sid(), ReservationStatus.COMPLETED, 0));
    assertEquals(
        "reservation " + r.sid() + " is at version 1, not the expected version 0", e.getMessage());
    assertEquals(20412, e.code());
    assertEquals(0, e.expectedVersion());
    assertEquals(1, e.currentVersion());
    assertEquals(ReservationStatus.ACCEPTED, engine.get(r.sid()).status());
  }

  @Test
  void update_unknownSidAndStaleVersion_notFoundWins() {
    ReservationSid sid = ReservationSid.parse("WR00000000000000000000000000000001");
    assertThrows(
        ReservationNotFoundException.class, () -> engine.update(sid, ReservationStatus.PENDING, 5));
  }

  @Test
  void update_staleVersionAndIllegalMove_versionWins() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.reject(r.sid());
    assertThrows(
        VersionMismatchException.class,
        () -> engine.update(r.sid(), ReservationStatus.ACCEPTED, 0));
  }

  @Test
  void update_negativeVersion_throwsIae() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> engine.update(r.sid(), ReservationStatus.ACCEPTED, -1));
    assertEquals("expected version must be 0 or more: -1", e.getMessage());
  }

  @Test
  void nullArguments_throwNpeNamingTheParameter() {
    assertNpe("workspaceSid", () -> engine.reserve(null, task(1), worker(1), "a"));
    assertNpe("taskSid", () -> engine.reserve(WS, null, worker(1), "a"));
    assertNpe("workerSid", () -> engine.reserve(WS, task(1), null, "a"));
    assertNpe("workerName", () -> engine.reserve(WS, task(1), worker(1), null));
    assertNpe("timeout", () -> engine.reserve(WS, task(1), worker(1), "a", null));
    assertNpe("sid", () -> engine.accept(null));
    assertNpe("sid", () -> engine.get(null));
    assertNpe("sid", () -> engine.find(null));
    assertNpe("target", () -> engine.update(null, null));
    assertNpe("taskSid", () -> engine.cancelTask(null));
    assertNpe("query", () -> engine.list(null));
    assertNpe("status", () -> engine.count((ReservationStatus) null));
    assertEquals(0, engine.size());
  }

  @Test
  void reserve_emptyWorkerName_isAllowed() {
    assertEquals("", engine.reserve(WS, task(1), worker(1), "").workerName());
  }

  @Test
  void reserve_nonPositiveTimeout_throwsIae() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> engine.reserve(WS, task(1), worker(1), "a", Duration.ZERO));
    assertEquals("reservation timeout must be positive: PT0S", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ReservationEngine.builder().reservationTimeout(Duration.ofSeconds(-1)));
  }

  @Test
  void builder_settingTwice_throwsIse() {
    ReservationEngine.Builder builder = ReservationEngine.builder().seed(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder.seed(2));
    assertEquals("seed is already set; set it once", e.getMessage());
  }

  @Test
  void count_tracksEveryStatus() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    engine.reserve(WS, task(1), worker(2), "b");
    engine.reserve(WS, task(2), worker(1), "a");
    engine.accept(a.sid());
    assertEquals(3, engine.size());
    assertEquals(1, engine.count(ReservationStatus.ACCEPTED));
    assertEquals(1, engine.count(ReservationStatus.RESCINDED));
    assertEquals(1, engine.count(ReservationStatus.PENDING));
    assertEquals(0, engine.count(ReservationStatus.COMPLETED));
  }

  private static void assertNpe(String parameter, org.junit.jupiter.api.function.Executable call) {
    NullPointerException e = assertThrows(NullPointerException.class, call);
    assertEquals(parameter, e.getMessage());
  }
}
