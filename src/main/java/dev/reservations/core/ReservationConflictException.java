package dev.reservations.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The task rules refuse a {@code reserve} or {@code cancelTask} (TaskRouter's 20409): the task is
 * assigned or canceled, or the worker already holds a pending reservation of it.
 */
public final class ReservationConflictException extends ReservationException {
  private static final long serialVersionUID = 1L;

  /** TaskRouter's code for a conflict. */
  public static final int CODE = 20409;

  /** The task. */
  private final TaskSid taskSid;

  /** The worker, where one is involved. */
  private final @Nullable WorkerSid workerSid;

  /** The rule that refused the call. */
  private final String reason;

  /**
   * Creates the exception; the message names the task, the worker if any, and the reason.
   *
   * @param taskSid the task
   * @param workerSid the worker, where one is involved
   * @param reason the rule that refused it, lower-case
   * @throws NullPointerException if {@code taskSid} or {@code reason} is null
   */
  public ReservationConflictException(
      TaskSid taskSid, @Nullable WorkerSid workerSid, String reason) {
    super(CODE, message(taskSid, workerSid, reason));
    this.taskSid = taskSid;
    this.workerSid = workerSid;
    this.reason = reason;
  }

  private static String message(TaskSid taskSid, @Nullable WorkerSid workerSid, String reason) {
    Objects.requireNonNull(taskSid, "taskSid");
    Objects.requireNonNull(reason, "reason");
    return workerSid == null
        ? "task " + taskSid + ": " + reason
        : "task " + taskSid + ", worker " + workerSid + ": " + reason;
  }

  /**
   * The task.
   *
   * @return the task's sid
   */
  public TaskSid taskSid() {
    return taskSid;
  }

  /**
   * The worker, where one is involved.
   *
   * @return the worker's sid, or empty for a {@code cancelTask} refusal
   */
  public Optional<WorkerSid> workerSid() {
    return Optional.ofNullable(workerSid);
  }

  /**
   * The rule that refused the call.
   *
   * @return the reason, lower-case
   */
  public String reason() {
    return reason;
  }
}
