package dev.reservations.core;

/**
 * A domain outcome that refuses an operation: the base of the engine's unchecked exceptions. Each
 * carries the TaskRouter error code it corresponds to. When one is thrown, the operation changed
 * nothing (apart from timeouts that fell due before it, which stay applied). Instances are
 * immutable once thrown.
 */
public abstract class ReservationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** TaskRouter's error code. */
  private final int code;

  /**
   * Creates an exception with a code and a message.
   *
   * @param code TaskRouter's error code
   * @param message what was refused and why, lower-case
   */
  protected ReservationException(int code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * TaskRouter's error code, such as 20404.
   *
   * @return the code
   */
  public int code() {
    return code;
  }
}
