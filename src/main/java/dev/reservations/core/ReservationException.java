package dev.reservations.core;

/**
 * A domain outcome that refuses an operation: the base of the engine's unchecked exceptions.
 * Each carries the TaskRouter error code it corresponds to. When one is thrown, the operation
 * changed nothing (apart from timeouts that fell due before it, which stay applied).
 */
public abstract class ReservationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  protected ReservationException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** TaskRouter's error code, such as 20404. */
  public int code() {
    return code;
  }
}
