package dev.reservations.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One reservation: a task reserved for a worker, as TaskRouter's TaskReservation resource describes
 * it. Immutable and thread-safe; a reservation taken from an engine never changes afterwards, the
 * engine hands out a new one for each transition.
 *
 * @param sid the reservation's sid
 * @param accountSid the account that owns it
 * @param workspaceSid the workspace of its task
 * @param taskSid the reserved task
 * @param workerSid the reserved worker
 * @param workerName the worker's friendly name when it was reserved; may be empty
 * @param status the current status
 * @param dateCreated when it was created, at the clock's full precision
 * @param dateUpdated when it last changed; never before {@code dateCreated}
 * @param version 0 when created, one more with each transition: the ETag / {@code If-Match} value
 */
public record Reservation(
    ReservationSid sid,
    AccountSid accountSid,
    WorkspaceSid workspaceSid,
    TaskSid taskSid,
    WorkerSid workerSid,
    String workerName,
    ReservationStatus status,
    Instant dateCreated,
    Instant dateUpdated,
    long version) {
  /**
   * The longest worker name an engine takes and the JSON adapter reads back, in UTF-16 chars, so
   * that every name an engine holds can make the round trip through TaskRouter's JSON.
   */
  public static final int MAX_WORKER_NAME_LENGTH = 65_536;

  /**
   * Checks every component. O(1).
   *
   * @param sid the reservation's sid
   * @param accountSid the account that owns it
   * @param workspaceSid the workspace of its task
   * @param taskSid the reserved task
   * @param workerSid the reserved worker
   * @param workerName the worker's friendly name when it was reserved; may be empty
   * @param status the current status
   * @param dateCreated when it was created
   * @param dateUpdated when it last changed
   * @param version the number of transitions so far
   * @throws NullPointerException naming the first null component
   * @throws IllegalArgumentException if {@code version} is negative or {@code dateUpdated} is
   *     before {@code dateCreated}
   */
  public Reservation {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(accountSid, "accountSid");
    Objects.requireNonNull(workspaceSid, "workspaceSid");
    Objects.requireNonNull(taskSid, "taskSid");
    Objects.requireNonNull(workerSid, "workerSid");
    Objects.requireNonNull(workerName, "workerName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(dateCreated, "dateCreated");
    Objects.requireNonNull(dateUpdated, "dateUpdated");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    if (dateUpdated.isBefore(dateCreated)) {
      throw new IllegalArgumentException(
          "date updated must not be before date created: " + dateUpdated + " < " + dateCreated);
    }
  }
}
