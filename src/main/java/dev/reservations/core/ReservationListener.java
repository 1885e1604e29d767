package dev.reservations.core;

/**
 * Hears every reservation event of an engine.
 *
 * <p>The engine calls listeners synchronously, on the thread that made the change, after the change
 * is committed and in registration order. A listener may call back into the engine; the events of
 * such a nested call are delivered after the current event has reached every listener, so each
 * listener sees one reservation's events in the order they happened. A listener that throws does
 * not undo the change and does not stop the other listeners from hearing the event.
 */
@FunctionalInterface
public interface ReservationListener {
  /**
   * Called once for each event, on the thread that made the change, while the engine's lock is
   * held: keep it short.
   *
   * @param event what happened
   */
  void onEvent(ReservationEvent event);
}
