package dev.reservations.core;

import java.util.Locale;
import java.util.Objects;

/** A conditional update named a version that is no longer current (TaskRouter's 20412). */
public final class VersionMismatchException extends ReservationException {
  private static final long serialVersionUID = 1L;

  /** TaskRouter's code for a failed precondition. */
  public static final int CODE = 20412;

  private final ReservationSid sid;
  private final long expectedVersion;
  private final long currentVersion;

  /** @throws NullPointerException if {@code sid} is null */
  public VersionMismatchException(ReservationSid sid, long expectedVersion, long currentVersion) {
    super(CODE, String.format(Locale.ROOT,
        "reservation %s is at version %d, not the expected version %d",
        Objects.requireNonNull(sid, "sid"), currentVersion, expectedVersion));
    this.sid = sid;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }

  /** The reservation. */
  public ReservationSid sid() {
    return sid;
  }

  /** The version the caller expected. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The reservation's current version. */
  public long currentVersion() {
    return currentVersion;
  }
}
