package dev.reservations.core;

import java.util.Locale;
import java.util.Objects;

/** The state machine does not allow this move (TaskRouter's 20409). */
public final class IllegalTransitionException extends ReservationException {
  private static final long serialVersionUID = 1L;

  /** TaskRouter's code for a conflict. */
  public static final int CODE = 20409;

  /** The reservation. */
  private final ReservationSid sid;

  /** Its status when the move was asked for. */
  private final ReservationStatus from;

  /** The status asked for. */
  private final ReservationStatus to;

  /**
   * Creates the exception, with a message that names the move and lists the legal ones.
   *
   * @param sid the reservation
   * @param from its status when the move was asked for
   * @param to the status asked for
   * @throws NullPointerException if any argument is null
   */
  public IllegalTransitionException(
      ReservationSid sid, ReservationStatus from, ReservationStatus to) {
    super(CODE, message(sid, from, to));
    this.sid = sid;
    this.from = from;
    this.to = to;
  }

  private static String message(ReservationSid sid, ReservationStatus from, ReservationStatus to) {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return String.format(
        Locale.ROOT,
        "reservation %s cannot move from %s to %s: allowed moves are pending to accepted, "
            + "rejected, timeout, canceled or rescinded; accepted to wrapping or completed; "
            + "wrapping to completed; update takes only accepted, rejected, wrapping or completed",
        sid,
        from.wireName(),
        to.wireName());
  }

  /**
   * The reservation.
   *
   * @return its sid
   */
  public ReservationSid sid() {
    return sid;
  }

  /**
   * Its status when the move was asked for.
   *
   * @return the status it had
   */
  public ReservationStatus from() {
    return from;
  }

  /**
   * The status asked for.
   *
   * @return the refused target
   */
  public ReservationStatus to() {
    return to;
  }
}
