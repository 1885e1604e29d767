package dev.reservations.engine;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationListener;
import dev.reservations.core.ReservationStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The engine's listeners and the events waiting for them, delivered in commit order.
 *
 * <p>Layout: a FIFO of events that the changes of the current call queued, and a flag that is set
 * while a delivery runs, so that the events of a call a listener makes back into the engine join
 * the queue and are delivered after the current event, by the outer delivery. Guarded by the
 * engine's lock; never shared between engines.
 *
 * <p>Invariants: the queue is empty whenever no call holds the lock; a listener's exception or
 * error never stops the others from hearing an event, nor a later event from being heard.
 */
final class EventQueue {
  private final ReservationListener[] listeners;
  private final ArrayDeque<ReservationEvent> queued = new ArrayDeque<>();
  private boolean delivering;

  EventQueue(List<ReservationListener> listeners) {
    this.listeners = listeners.toArray(new ReservationListener[0]);
  }

  /** Whether anyone listens; when not, moves need not build the reservations they announce. */
  boolean hasListeners() {
    return listeners.length > 0;
  }

  /** Queues an event for the listeners, if there are any. */
  void announce(
      ReservationEvent.Type type, Reservation reservation, @Nullable ReservationStatus previous) {
    if (listeners.length > 0) {
      queued.add(new ReservationEvent(type, reservation, previous, reservation.dateUpdated()));
    }
  }

  /** Queues a deletion of this reservation at {@code at}, when anyone listens. */
  void announceDeleted(Reservation reservation, Instant at) {
    if (listeners.length > 0) {
      queued.add(
          new ReservationEvent(
              ReservationEvent.Type.DELETED, reservation, reservation.status(), at));
    }
  }

  /**
   * Delivers every queued event to every listener, unless an outer call on this thread is already
   * delivering (it will deliver these too). Returns the first throwable a listener threw, the later
   * ones added to it as suppressed, or null. Whatever happens, the queue is empty afterwards: an
   * event is never left for a later, unrelated call.
   */
  @Nullable Throwable deliver() {
    if (delivering || queued.isEmpty()) {
      return null;
    }
    delivering = true;
    Throwable first = null;
    try {
      ReservationEvent event;
      while ((event = queued.poll()) != null) {
        for (ReservationListener listener : listeners) {
          try {
            listener.onEvent(event);
          } catch (Throwable t) {
            if (first == null) {
              first = t;
            } else if (first != t) {
              first.addSuppressed(t);
            }
          }
        }
      }
    } finally {
      queued.clear();
      delivering = false;
    }
    return first;
  }
}
