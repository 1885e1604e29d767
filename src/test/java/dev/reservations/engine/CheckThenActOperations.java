package dev.reservations.engine;

import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * A deliberately broken wrapper, kept to prove that the Lincheck tests can fail: its accept and
 * reject read the status with {@code get}, then move with a second call and swallow the refusal of
 * a lost race, reporting the move they meant to make. Sequentially it is correct; under concurrency
 * both accept and reject of one reservation can "win".
 */
public class CheckThenActOperations {
  private final ReservationEngine engine =
      ReservationEngine.builder()
          .seed(EngineOperations.SEED)
          .clock(new SteppingClock(EngineOperations.START))
          .build();

  /** A fresh engine; Lincheck makes one per run. */
  public CheckThenActOperations() {}

  @Operation
  public String reserve(@Param(gen = IntGen.class, conf = "0:1") int worker) {
    return EngineOperations.outcome(
        () ->
            EngineOperations.render(
                engine.reserve(
                    Fixtures.WS, Fixtures.task(0), Fixtures.worker(worker), "w" + worker)));
  }

  @Operation
  public String accept(@Param(gen = IntGen.class, conf = "0:1") int r) {
    return EngineOperations.outcome(() -> checkThenAct(r, ReservationStatus.ACCEPTED));
  }

  @Operation
  public String reject(@Param(gen = IntGen.class, conf = "0:1") int r) {
    return EngineOperations.outcome(() -> checkThenAct(r, ReservationStatus.REJECTED));
  }

  @Operation
  public String get(@Param(gen = IntGen.class, conf = "0:1") int r) {
    return EngineOperations.outcome(
        () -> EngineOperations.render(engine.get(EngineOperations.SIDS.get(r))));
  }

  private String checkThenAct(int r, ReservationStatus target) {
    ReservationSid sid = EngineOperations.SIDS.get(r);
    Reservation seen = engine.get(sid);
    if (seen.status() != ReservationStatus.PENDING) {
      throw new IllegalTransitionException(sid, seen.status(), target);
    }
    try {
      engine.update(sid, target);
    } catch (IllegalTransitionException lostRace) {
      // the bug: another thread moved it between the two calls
    }
    return "r" + r + " " + target.wireName() + " v" + (seen.version() + 1);
  }
}
