package dev.reservations.engine;

/**
 * Receives the reservations of a list one at a time, from {@link ReservationEngine#scan}, through a
 * reused {@link ReservationCursor}, so that a scan allocates nothing per reservation. For
 * simulators' statistics: read the fields you need as primitives, keep nothing.
 *
 * <p>Runs on the scanning thread while the engine's lock is held: it may read the engine (a nested
 * {@code list}, {@code count} or {@code find}) but not change it; a change from inside a scan is an
 * {@code IllegalStateException}. An exception it throws ends the scan and is rethrown by {@code
 * scan}, which changes nothing.
 */
@FunctionalInterface
public interface ReservationVisitor {
  /**
   * Visits one reservation.
   *
   * @param reservation a view of the current reservation, valid only until this method returns
   */
  void visit(ReservationCursor reservation);
}
