package dev.reservations.core;

import java.util.Objects;

/** No reservation has this sid (TaskRouter's 20404). */
public final class ReservationNotFoundException extends ReservationException {
  private static final long serialVersionUID = 1L;

  /** TaskRouter's code for a missing resource. */
  public static final int CODE = 20404;

  /** The sid that was looked up. */
  private final ReservationSid sid;

  /**
   * Creates the exception for a sid that names no reservation.
   *
   * @param sid the sid that was looked up
   * @throws NullPointerException if {@code sid} is null
   */
  public ReservationNotFoundException(ReservationSid sid) {
    super(CODE, "reservation not found: " + Objects.requireNonNull(sid, "sid"));
    this.sid = sid;
  }

  /**
   * The sid that was looked up.
   *
   * @return the sid
   */
  public ReservationSid sid() {
    return sid;
  }
}
