package dev.reservations.core;

import dev.reservations.text.Echo;
import java.util.Locale;
import java.util.Objects;

/**
 * The status of a reservation, with TaskRouter's wire names and its state machine.
 *
 * <pre>
 *   pending  → accepted | rejected | timeout | canceled | rescinded
 *   accepted → wrapping | completed
 *   wrapping → completed
 * </pre>
 *
 * <p>Every other move is illegal. {@code rejected}, {@code timeout}, {@code canceled}, {@code
 * rescinded} and {@code completed} are terminal. Thread-safe; every method is O(1).
 */
public enum ReservationStatus {
  /** Offered to the worker, waiting for an answer or the deadline. */
  PENDING("pending"),
  /** The worker accepted; the task is assigned to it. */
  ACCEPTED("accepted"),
  /** The worker refused. Terminal. */
  REJECTED("rejected"),
  /** No answer came before the deadline. Terminal. */
  TIMEOUT("timeout"),
  /** The task was canceled while this was pending. Terminal. */
  CANCELED("canceled"),
  /** Another reservation of the task was accepted while this was pending. Terminal. */
  RESCINDED("rescinded"),
  /** The work is done and the worker is wrapping up. */
  WRAPPING("wrapping"),
  /** The work and its wrap-up are finished. Terminal. */
  COMPLETED("completed");

  private static final ReservationStatus[] VALUES = values();
  private static final String WIRE_NAMES =
      "pending, accepted, rejected, timeout, canceled, rescinded, wrapping, completed";

  private final String wireName;

  ReservationStatus(String wireName) {
    this.wireName = wireName;
  }

  /**
   * TaskRouter's name for this status, such as {@code "pending"}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The status whose wire name is exactly {@code name} (lower-case, no surrounding space).
   *
   * @param name the wire name
   * @return the status it names
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is not one of the eight wire names
   */
  public static ReservationStatus fromWireName(String name) {
    Objects.requireNonNull(name, "name");
    for (ReservationStatus status : VALUES) {
      if (status.wireName.equals(name)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT, "reservation status must be one of %s: %s", WIRE_NAMES, Echo.of(name)));
  }

  /**
   * Whether no move leaves this status.
   *
   * @return true for rejected, timeout, canceled, rescinded and completed
   */
  public boolean isTerminal() {
    return this != PENDING && this != ACCEPTED && this != WRAPPING;
  }

  /**
   * Whether a client may ask for this status through TaskRouter's update endpoint: accepted,
   * rejected, wrapping and completed.
   *
   * @return true for the four client-settable statuses
   */
  public boolean isClientSettable() {
    return this == ACCEPTED || this == REJECTED || this == WRAPPING || this == COMPLETED;
  }

  /**
   * Whether the state machine allows the move from this status to {@code next}.
   *
   * @param next the status to move to
   * @return true if the move is legal
   * @throws NullPointerException if {@code next} is null
   */
  public boolean canMoveTo(ReservationStatus next) {
    Objects.requireNonNull(next, "next");
    switch (this) {
      case PENDING:
        return next == ACCEPTED
            || next == REJECTED
            || next == TIMEOUT
            || next == CANCELED
            || next == RESCINDED;
      case ACCEPTED:
        return next == WRAPPING || next == COMPLETED;
      case WRAPPING:
        return next == COMPLETED;
      default:
        return false;
    }
  }
}
