package dev.reservations.core;

import dev.reservations.text.Echo;
import java.util.Objects;

/**
 * A page token that this engine did not issue for this list: garbled, truncated, extended, empty,
 * or issued for another list or by an engine with another seed (TaskRouter's 21481).
 */
public final class InvalidPageTokenException extends ReservationException {
  private static final long serialVersionUID = 1L;

  /** TaskRouter's code for an invalid page token. */
  public static final int CODE = 21481;

  /** The token as given. */
  private final String token;

  /**
   * Creates the exception; the message echoes the token, shortened and escaped.
   *
   * @param token the token as given
   * @param reason why it was refused, lower-case
   * @throws NullPointerException if an argument is null
   */
  public InvalidPageTokenException(String token, String reason) {
    super(
        CODE,
        Objects.requireNonNull(reason, "reason")
            + ": "
            + Echo.of(Objects.requireNonNull(token, "token")));
    this.token = token;
  }

  /**
   * The token as given.
   *
   * @return the refused token
   */
  public String token() {
    return token;
  }
}
