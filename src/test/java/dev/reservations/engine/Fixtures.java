package dev.reservations.engine;

import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;

/** Sids for tests: small numbers in the low bits, readable in failure messages. */
public final class Fixtures {
  public static final WorkspaceSid WS = new WorkspaceSid(0, 1);
  public static final WorkspaceSid WS2 = new WorkspaceSid(0, 2);

  private Fixtures() {}

  public static TaskSid task(int n) {
    return new TaskSid(0, n);
  }

  public static WorkerSid worker(int n) {
    return new WorkerSid(0, n);
  }
}
