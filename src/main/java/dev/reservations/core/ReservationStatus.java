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
 * <p>Every other move is illegal. {@code rejected}, {@code timeout}, {@code canceled},
 * {@code rescinded} and {@code completed} are terminal. Thread-safe; every method is O(1).
 */
public enum ReservationStatus {
  PENDING("pending"),
  ACCEPTED("accepted"),
  REJECTED("rejected"),
  TIMEOUT("timeout"),
  CANCELED("canceled"),
  RESCINDED("rescinded"),
  WRAPPING("wrapping"),
  COMPLETED("completed");

  private static final ReservationStatus[] VALUES = values();
  private static final String WIRE_NAMES =
      "pending, accepted, rejected, timeout, canceled, rescinded, wrapping, completed";

  private final String wireName;

  ReservationStatus(String wireName) {
    this.wireName = wireName;
  }

  /** TaskRouter's name for this status, such as {@code "pending"}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The status whose wire name is exactly {@code name} (lower-case, no surrounding space).
   *
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
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "reservation status must be one of %s: %s", WIRE_NAMES, Echo.of(name)));
  }

  /** Whether no move leaves this status. */
  public boolean isTerminal() {
    return this != PENDING && this != ACCEPTED && this != WRAPPING;
  }

  /**
   * Whether a client may ask for this status through TaskRouter's update endpoint: accepted,
   * rejected, wrapping and completed.
   */
  public boolean isClientSettable() {
    return this == ACCEPTED || this == REJECTED || this == WRAPPING || this == COMPLETED;
  }

  /**
   * Whether the state machine allows the move from this status to {@code next}.
   *
   * @throws NullPointerException if {@code next} is null
   */
  public boolean canMoveTo(ReservationStatus next) {
    Objects.requireNonNull(next, "next");
    switch (this) {
      case PENDING:
        return next == ACCEPTED || next == REJECTED || next == TIMEOUT || next == CANCELED
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
