package dev.reservations.core;

import dev.reservations.internal.ReservationRows;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reservation: a task reserved for a worker, as TaskRouter's TaskReservation resource describes
 * it. Immutable and thread-safe; a reservation taken from an engine never changes afterwards, the
 * engine hands out a new one for each transition.
 *
 * <p>A value with the ten components {@code sid, accountSid, workspaceSid, taskSid, workerSid,
 * workerName, status, dateCreated, dateUpdated, version}, and exactly the contract of a record of
 * them: one accessor each, {@link #equals} over every component, and {@link #hashCode} and {@link
 * #toString} computed as a record of these components computes them. It is not a {@link Record},
 * though: it keeps its sids and dates as primitives, so that an engine builds a page item as one
 * object of 96 bytes, where a record needed four or five (itself, its two sids and one or two
 * {@code Instant}s: 144 to 168 bytes). So {@link #sid()}, {@link #taskSid()}, {@link
 * #dateCreated()} and {@link #dateUpdated()} return a new, equal object on each call (O(1), one
 * small allocation that the JIT often removes); compare them with {@code equals}, never {@code ==}.
 * The account, workspace and worker sids and the worker name are the very objects given.
 *
 * <p>Layout: the reservation's and the task's sid bits (four longs), each date as epoch seconds and
 * nanoseconds (a long and an int, so that every {@code Instant} is kept exactly), the version, and
 * references to the other five components. 96 bytes with compressed references.
 */
public final class Reservation {
  /**
   * The longest worker name an engine takes and the JSON adapter reads back, in UTF-16 chars, so
   * that every name an engine holds can make the round trip through TaskRouter's JSON.
   */
  public static final int MAX_WORKER_NAME_LENGTH = 65_536;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  static {
    ReservationRows.install(Reservation::new);
  }

  private final long sidHigh;
  private final long sidLow;
  private final AccountSid accountSid;
  private final WorkspaceSid workspaceSid;
  private final long taskHigh;
  private final long taskLow;
  private final WorkerSid workerSid;
  private final String workerName;
  private final ReservationStatus status;
  private final long createdSecond;
  private final int createdNano;
  private final long updatedSecond;
  private final int updatedNano;
  private final long version;

  /**
   * A reservation of these components, each checked. O(1).
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
   * @throws NullPointerException naming the first null component
   * @throws IllegalArgumentException if {@code version} is negative or {@code dateUpdated} is
   *     before {@code dateCreated}
   */
  public Reservation(
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
    this.sidHigh = sid.high();
    this.sidLow = sid.low();
    this.accountSid = accountSid;
    this.workspaceSid = workspaceSid;
    this.taskHigh = taskSid.high();
    this.taskLow = taskSid.low();
    this.workerSid = workerSid;
    this.workerName = workerName;
    this.status = status;
    this.createdSecond = dateCreated.getEpochSecond();
    this.createdNano = dateCreated.getNano();
    this.updatedSecond = dateUpdated.getEpochSecond();
    this.updatedNano = dateUpdated.getNano();
    this.version = version;
  }

  /** An engine's row, valid by construction: see {@link ReservationRows.Maker}. */
  private Reservation(
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
      long version) {
    this.sidHigh = sidHigh;
    this.sidLow = sidLow;
    this.accountSid = accountSid;
    this.workspaceSid = workspaceSid;
    this.taskHigh = taskHigh;
    this.taskLow = taskLow;
    this.workerSid = workerSid;
    this.workerName = workerName;
    this.status = status;
    this.createdSecond = Math.floorDiv(createdNanos, NANOS_PER_SECOND);
    this.createdNano = (int) Math.floorMod(createdNanos, NANOS_PER_SECOND);
    this.updatedSecond = Math.floorDiv(updatedNanos, NANOS_PER_SECOND);
    this.updatedNano = (int) Math.floorMod(updatedNanos, NANOS_PER_SECOND);
    this.version = version;
  }

  /** {@return the reservation's sid} A new object on each call, equal to the last. O(1). */
  public ReservationSid sid() {
    return new ReservationSid(sidHigh, sidLow);
  }

  /** {@return the account that owns it} */
  public AccountSid accountSid() {
    return accountSid;
  }

  /** {@return the workspace of its task} */
  public WorkspaceSid workspaceSid() {
    return workspaceSid;
  }

  /** {@return the reserved task} A new object on each call, equal to the last. O(1). */
  public TaskSid taskSid() {
    return new TaskSid(taskHigh, taskLow);
  }

  /** {@return the reserved worker} */
  public WorkerSid workerSid() {
    return workerSid;
  }

  /** {@return the worker's friendly name when it was reserved; may be empty} */
  public String workerName() {
    return workerName;
  }

  /** {@return the current status} */
  public ReservationStatus status() {
    return status;
  }

  /**
   * {@return when it was created, at the clock's full precision} A new object on each call, equal
   * to the last. O(1).
   */
  public Instant dateCreated() {
    return Instant.ofEpochSecond(createdSecond, createdNano);
  }

  /**
   * {@return when it last changed; never before {@code dateCreated}} A new object on each call,
   * equal to the last. O(1).
   */
  public Instant dateUpdated() {
    return Instant.ofEpochSecond(updatedSecond, updatedNano);
  }

  /** {@return 0 when created, one more with each transition: the ETag / {@code If-Match} value} */
  public long version() {
    return version;
  }

  /**
   * Whether {@code other} is a reservation with equal components, each compared as a record
   * compares it. O(1).
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other == this
        || (other instanceof Reservation that
            && sidHigh == that.sidHigh
            && sidLow == that.sidLow
            && accountSid.equals(that.accountSid)
            && workspaceSid.equals(that.workspaceSid)
            && taskHigh == that.taskHigh
            && taskLow == that.taskLow
            && workerSid.equals(that.workerSid)
            && workerName.equals(that.workerName)
            && status == that.status
            && createdSecond == that.createdSecond
            && createdNano == that.createdNano
            && updatedSecond == that.updatedSecond
            && updatedNano == that.updatedNano
            && version == that.version);
  }

  /**
   * The hash a record of the ten components has: {@code 31 h + c} folded over each component's hash
   * in order, from 0. O(1).
   */
  @Override
  public int hashCode() {
    int h = sid().hashCode();
    h = 31 * h + accountSid.hashCode();
    h = 31 * h + workspaceSid.hashCode();
    h = 31 * h + taskSid().hashCode();
    h = 31 * h + workerSid.hashCode();
    h = 31 * h + workerName.hashCode();
    h = 31 * h + status.hashCode();
    h = 31 * h + dateCreated().hashCode();
    h = 31 * h + dateUpdated().hashCode();
    return 31 * h + Long.hashCode(version);
  }

  /**
   * The text a record of the ten components has, such as {@code Reservation[sid=WR…,
   * accountSid=AC…, …, version=0]}. O(length of the worker name).
   */
  @Override
  public String toString() {
    return "Reservation[sid="
        + sid()
        + ", accountSid="
        + accountSid
        + ", workspaceSid="
        + workspaceSid
        + ", taskSid="
        + taskSid()
        + ", workerSid="
        + workerSid
        + ", workerName="
        + workerName
        + ", status="
        + status
        + ", dateCreated="
        + dateCreated()
        + ", dateUpdated="
        + dateUpdated()
        + ", version="
        + version
        + "]";
  }
}
