package dev.reservations.internal;

import dev.reservations.core.AccountSid;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import org.jspecify.annotations.Nullable;

/**
 * The engine's way to build a {@link Reservation} straight from the primitives of a row, without a
 * sid or an {@code Instant} object per item, and without the public constructor's checks, which an
 * engine's rows pass by construction.
 *
 * <p>Layout: one {@link Maker}, which {@code Reservation}'s class initializer installs (its private
 * constructor); {@link #maker()} initializes that class first, so it never sees none. Installed
 * once and never changed: a second {@link #install} fails.
 */
public final class ReservationRows {
  /**
   * Builds a reservation from a row's fields, which must satisfy the public constructor's rules.
   */
  @FunctionalInterface
  public interface Maker {
    /**
     * A reservation of these fields; nothing is checked.
     *
     * @param sidHigh the high bits of its sid
     * @param sidLow the low bits of its sid
     * @param accountSid the account that owns it
     * @param workspaceSid the workspace of its task
     * @param taskHigh the high bits of its task's sid
     * @param taskLow the low bits of its task's sid
     * @param workerSid the reserved worker
     * @param workerName the worker's name when it was reserved
     * @param status the current status
     * @param createdNanos date created, in nanoseconds since the epoch
     * @param updatedNanos date updated, in nanoseconds since the epoch; at least {@code
     *     createdNanos}
     * @param version the number of transitions so far, at least 0
     * @return the reservation
     */
    Reservation make(
        long sidHigh,
        long sidLow,
        AccountSid accountSid,
        WorkspaceSid workspaceSid,
        long taskHigh,
        long taskLow,
        WorkerSid workerSid,
        String workerName,
        ReservationStatus status,
        long createdNanos,
        long updatedNanos,
        long version);
  }

  private static volatile @Nullable Maker maker;

  private ReservationRows() {}

  /**
   * Installs the maker; called by {@code Reservation}'s class initializer only.
   *
   * @param made the maker
   * @throws IllegalStateException if a maker is installed already
   */
  public static synchronized void install(Maker made) {
    if (maker != null) {
      throw new IllegalStateException("the reservation maker is installed already");
    }
    maker = made;
  }

  /**
   * {@return the maker} Initializes {@code Reservation} if it is not yet, without holding a lock
   * that its initializer takes. Read it once and keep it.
   */
  public static Maker maker() {
    Maker made = maker;
    if (made == null) {
      try {
        Class.forName(Reservation.class.getName(), true, Reservation.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      made = maker;
      if (made == null) {
        throw new IllegalStateException("the reservation maker is not installed");
      }
    }
    return made;
  }
}
