package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationConflictException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (from, to) pair of the 8×8 table, driven through the engine's own operations. */
@ParameterizedClass
@MethodSource("dev.reservations.engine.EngineConfig#behaviour")
class TransitionTest {
  private final ManualClock clock = ManualClock.at("2024-01-01T00:00:00Z");
  private final EngineConfig config;
  private final ContractEngine engine;

  TransitionTest(EngineConfig config) {
    this.config = config;
    this.engine = new ContractEngine(config, 3, clock, ContractEngine.TWO_MINUTES);
  }

  static Stream<Arguments> pairs() {
    return EnumSet.allOf(ReservationStatus.class).stream()
        .flatMap(
            from ->
                EnumSet.allOf(ReservationStatus.class).stream().map(to -> Arguments.of(from, to)));
  }

  /** A reservation of task 1 for worker 1 in {@code status}, reached the ordinary way. */
  private Reservation in(ReservationStatus status) {
    Reservation r = engine.reserve(WS, task(1), worker(1), "Ada");
    switch (status) {
      case PENDING:
        return r;
      case ACCEPTED:
        return engine.accept(r.sid());
      case REJECTED:
        return engine.reject(r.sid());
      case TIMEOUT:
        return engine.timeout(r.sid());
      case CANCELED:
        engine.cancelTask(task(1));
        return engine.get(r.sid());
      case RESCINDED:
        engine.accept(engine.reserve(WS, task(1), worker(2), "Bob").sid());
        return engine.get(r.sid());
      case WRAPPING:
        engine.accept(r.sid());
        return engine.wrap(r.sid());
      default:
        engine.accept(r.sid());
        return engine.complete(r.sid());
    }
  }

  /** Asks for the move the way a caller would, for each target. */
  private void ask(ReservationSid sid, ReservationStatus to) {
    switch (to) {
      case ACCEPTED:
        engine.accept(sid);
        break;
      case REJECTED:
        engine.reject(sid);
        break;
      case TIMEOUT:
        engine.timeout(sid);
        break;
      case WRAPPING:
        engine.wrap(sid);
        break;
      case COMPLETED:
        engine.complete(sid);
        break;
      case CANCELED:
        engine.cancelTask(task(1));
        break;
      case RESCINDED:
        engine.accept(engine.reserve(WS, task(1), worker(3), "Cy").sid());
        break;
      default:
        engine.update(sid, to);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void transition_everyPair_movesExactlyWhenLegal(ReservationStatus from, ReservationStatus to) {
    Reservation before = in(from);
    assertEquals(from, before.status());
    boolean legal = from.canMoveTo(to);
    try {
      ask(before.sid(), to);
    } catch (IllegalTransitionException e) {
      assertTrue(!legal, "legal move refused: " + e.getMessage());
      assertEquals(before.sid(), e.sid());
      assertEquals(from, e.from());
      assertEquals(to, e.to());
      assertEquals(20409, e.code());
    } catch (ReservationConflictException e) {
      assertTrue(!legal, "legal move refused: " + e.getMessage());
    }
    Reservation after = engine.get(before.sid());
    if (legal) {
      assertEquals(to, after.status());
      assertEquals(before.version() + 1, after.version());
    } else {
      assertEquals(before, after);
    }
    EngineInvariants.check(engine.engine());
  }

  @ParameterizedTest(name = "update to {0}")
  @MethodSource("notClientSettable")
  void update_targetNotClientSettable_throwsIllegalTransition(ReservationStatus target) {
    Reservation r = in(ReservationStatus.PENDING);
    IllegalTransitionException e =
        assertThrows(IllegalTransitionException.class, () -> engine.update(r.sid(), target));
    assertEquals(ReservationStatus.PENDING, e.from());
    assertEquals(target, e.to());
    assertEquals(r, engine.get(r.sid()));
  }

  static Stream<ReservationStatus> notClientSettable() {
    return Stream.of(
        ReservationStatus.PENDING,
        ReservationStatus.TIMEOUT,
        ReservationStatus.CANCELED,
        ReservationStatus.RESCINDED);
  }

  @Test
  void update_clientSettableTargets_followTheLifecycle() {
    Reservation r = in(ReservationStatus.PENDING);
    assertEquals(
        ReservationStatus.ACCEPTED, engine.update(r.sid(), ReservationStatus.ACCEPTED).status());
    assertEquals(
        ReservationStatus.WRAPPING, engine.update(r.sid(), ReservationStatus.WRAPPING, 1).status());
    Reservation done = engine.update(r.sid(), ReservationStatus.COMPLETED, 2);
    assertEquals(ReservationStatus.COMPLETED, done.status());
    assertEquals(3, done.version());
  }

  @Test
  void illegalTransition_message_namesSidFromToAndAllowedMoves() {
    Reservation r = in(ReservationStatus.REJECTED);
    IllegalTransitionException e =
        assertThrows(IllegalTransitionException.class, () -> engine.accept(r.sid()));
    assertEquals(
        "reservation "
            + r.sid()
            + " cannot move from rejected to accepted: allowed moves are pending to accepted,"
            + " rejected, timeout, canceled or rescinded; accepted to wrapping or completed;"
            + " wrapping to completed; update takes only accepted, rejected, wrapping or completed",
        e.getMessage());
  }

  @Test
  void accept_rescindsEveryOtherPendingOfTheTask_inListOrder() {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    clock.advance(java.time.Duration.ofSeconds(1));
    Reservation b = engine.reserve(WS, task(1), worker(2), "b");
    Reservation c = engine.reserve(WS, task(1), worker(3), "c");
    Reservation rejected = engine.reserve(WS, task(1), worker(4), "d");
    engine.reject(rejected.sid());
    Reservation otherTask = engine.reserve(WS, task(2), worker(1), "a");
    clock.advance(java.time.Duration.ofSeconds(1));
    Reservation accepted = engine.accept(b.sid());
    assertEquals(ReservationStatus.RESCINDED, engine.get(a.sid()).status());
    assertEquals(ReservationStatus.RESCINDED, engine.get(c.sid()).status());
    assertEquals(accepted.dateUpdated(), engine.get(a.sid()).dateUpdated());
    assertEquals(ReservationStatus.REJECTED, engine.get(rejected.sid()).status());
    assertEquals(ReservationStatus.PENDING, engine.get(otherTask.sid()).status());
    assertEquals(
        List.of(),
        engine.cancelTask(task(2)).stream()
            .filter(r -> r.status() != ReservationStatus.CANCELED)
            .toList());
  }
}
