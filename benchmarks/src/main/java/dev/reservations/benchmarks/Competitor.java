package dev.reservations.benchmarks;

import dev.reservations.core.WorkspaceSid;
import java.time.InstantSource;

/** The stores under comparison, chosen by a JMH {@code @Param}. */
public enum Competitor {
  /** Our {@code ReservationEngine}. */
  ENGINE,
  /**
   * CQEngine 3.6.0: a unique index on the sid, hash indexes on task and worker, compound indexes
   * on (task, status) and (worker, status), a navigable index on the pending deadline only; pages
   * sorted by CQEngine (see {@link CqEngineStore}).
   */
  CQENGINE,
  /**
   * {@link #CQENGINE} and a navigable index on the date created, walked in order (CQEngine's index
   * ordering) for the keys whose bucket is large (see {@link CqEngineStore}).
   */
  CQENGINE_EXPERT,
  /** H2 in memory through JDBC prepared statements, with the indexes a careful user adds. */
  H2,
  /** A {@code HashMap} of reservations, queried with streams. */
  NAIVE;

  /** A new, empty store of this kind for one workspace, reading time from {@code clock}. */
  public ReservationStore create(WorkspaceSid workspace, InstantSource clock, long seed) {
    switch (this) {
      case ENGINE:
        return new EngineStore(workspace, clock, seed);
      case CQENGINE:
        return new CqEngineStore(workspace, clock, seed, false);
      case CQENGINE_EXPERT:
        return new CqEngineStore(workspace, clock, seed, true);
      case H2:
        return new H2Store(workspace, clock, seed);
      case NAIVE:
        return new NaiveStore(workspace, clock, seed);
      default:
        throw new AssertionError(this);
    }
  }

  /** Whether this competitor is meant to run at {@code n} reservations (10M: engine, naive). */
  public boolean supports(int n) {
    return n <= 1_000_000 || this == ENGINE || this == NAIVE;
  }
}
