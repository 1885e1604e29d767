package dev.reservations.core;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a listener hears when a reservation is created, changes status or is deleted. Immutable.
 *
 * @param type what happened, with TaskRouter's event name
 * @param reservation the reservation as it is after the change; for {@link Type#DELETED}, as it was
 *     when deleted
 * @param previousStatus its status before the change; null for {@link Type#CREATED}; for {@link
 *     Type#DELETED}, the status it was deleted in
 * @param at when it happened: equal to {@code reservation.dateUpdated()}, or for {@link
 *     Type#DELETED} the time of the deletion, at or after it
 */
public record ReservationEvent(
    Type type, Reservation reservation, @Nullable ReservationStatus previousStatus, Instant at) {

  /**
   * Checks the components. O(1).
   *
   * @param type what happened
   * @param reservation the reservation as it is after the change
   * @param previousStatus its status before the change; null for {@link Type#CREATED}
   * @param at when it happened
   * @throws NullPointerException if {@code type}, {@code reservation} or {@code at} is null, or
   *     {@code previousStatus} is null for any type but {@code CREATED}
   * @throws IllegalArgumentException if {@code at} differs from the reservation's date updated (for
   *     {@code DELETED}: is before it, or {@code previousStatus} is not the reservation's status)
   */
  public ReservationEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(at, "at");
    if (type != Type.CREATED) {
      Objects.requireNonNull(previousStatus, "previousStatus");
    }
    if (type == Type.DELETED) {
      if (at.isBefore(reservation.dateUpdated())) {
        throw new IllegalArgumentException(
            "a deletion's time must be at or after the reservation's date updated, "
                + reservation.dateUpdated()
                + ": "
                + at);
      }
      if (previousStatus != reservation.status()) {
        throw new IllegalArgumentException(
            "a deletion's previous status must be the reservation's status, "
                + reservation.status()
                + ": "
                + previousStatus);
      }
    } else if (!at.equals(reservation.dateUpdated())) {
      throw new IllegalArgumentException(
          "event time must equal the reservation's date updated: " + at);
    }
  }

  /** The kinds of event, named as TaskRouter names them. Thread-safe; every method is O(1). */
  public enum Type {
    /** A reservation was created, pending. */
    CREATED("reservation.created"),
    /** A pending reservation was accepted. */
    ACCEPTED("reservation.accepted"),
    /** A pending reservation was rejected. */
    REJECTED("reservation.rejected"),
    /** A pending reservation reached its deadline, or was timed out by hand. */
    TIMEOUT("reservation.timeout"),
    /** A pending reservation's task was canceled. */
    CANCELED("reservation.canceled"),
    /** A pending reservation was withdrawn because another one of its task was accepted. */
    RESCINDED("reservation.rescinded"),
    /** An accepted reservation moved to wrapping. */
    WRAPUP("reservation.wrapup"),
    /** An accepted or wrapping reservation was completed. */
    COMPLETED("reservation.completed"),
    /**
     * A reservation was deleted with its task: by {@code ReservationEngine.deleteTask}, or
     * automatically a retention period after its task finished. TaskRouter names this for the task;
     * the engine raises it once for each of the task's reservations.
     */
    DELETED("task.deleted");

    private final String eventName;

    Type(String eventName) {
      this.eventName = eventName;
    }

    /**
     * TaskRouter's event name, such as {@code "reservation.accepted"}.
     *
     * @return the event name
     */
    public String eventName() {
      return eventName;
    }

    /**
     * The event that entering {@code status} raises.
     *
     * @param status the status entered
     * @return the kind of event
     * @throws NullPointerException if {@code status} is null
     */
    public static Type entering(ReservationStatus status) {
      switch (Objects.requireNonNull(status, "status")) {
        case PENDING:
          return CREATED;
        case ACCEPTED:
          return ACCEPTED;
        case REJECTED:
          return REJECTED;
        case TIMEOUT:
          return TIMEOUT;
        case CANCELED:
          return CANCELED;
        case RESCINDED:
          return RESCINDED;
        case WRAPPING:
          return WRAPUP;
        default:
          return COMPLETED;
      }
    }
  }
}
