package dev.reservations.core;

import java.util.Locale;
import java.util.Objects;

/** A conditional update named a version that is no longer current (TaskRouter's 20412). */
public final class VersionMismatchException extends ReservationException {
  private static final long serialVersionUID = 1L;

  /** TaskRouter's code for a failed precondition. */
  public static final int CODE = 20412;

  /** The reservation. */
  private final ReservationSid sid;

  /** The version the caller expected. */
  private final long expectedVersion;

  /** The reservation's current version. */
  private final long currentVersion;

  /**
   * Creates the exception; the message names both versions.
   *
   * @param sid the reservation
   * @param expectedVersion the version the caller expected
   * @param currentVersion the reservation's current version
   * @throws NullPointerException if {@code sid} is null
   */
  public VersionMismatchException(ReservationSid sid, long expectedVersion, long currentVersion) {
    super(
        CODE,
        String.format(
            Locale.ROOT,
            "reservation %s is at version %d, not the expected version %d",
            Objects.requireNonNull(sid, "sid"),
            currentVersion,
            expectedVersion));
    this.sid = sid;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
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
   * The version the caller expected.
   *
   * @return the expected version
   */
  public long expectedVersion() {
    return expectedVersion;
  }

  /**
   * The reservation's current version.
   *
   * @return the current version
   */
  public long currentVersion() {
    return currentVersion;
  }
}
