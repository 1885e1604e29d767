package dev.reservations.engine;

import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The frame of every engine call: the engine's one lock, failure atomicity and the delivery of the
 * call's events. Each public call runs as
 *
 * <pre>{@code
 * guard.lock.lock();
 * try {
 *   guard.checkUsable();
 *   ...checks, then room grown for the change...
 *   guard.beginChange();
 *   ...the change, which allocates nothing and cannot fail...
 *   guard.endChange();
 * } catch (Throwable t) {
 *   throw guard.failed(t);
 * } finally {
 *   guard.exit();
 * }
 * }</pre>
 *
 * <p>Layout: {@code changing} is set from the start of a change to its end, so that a throwable
 * escaping in between (an {@code OutOfMemoryError} or a bug) sets {@code broken}, after which every
 * call is refused; {@code scanning} counts the scans visiting on this thread, during which no
 * change may begin; {@code failure} is the current call's own throwable, which {@link #exit} ranks
 * against the listeners'. Everything is guarded by {@link #lock}.
 *
 * <p>Invariants: {@code changing} is false and {@code failure} null whenever no call holds the
 * lock; {@code broken}, once set, stays.
 */
final class CallGuard {
  /** The engine's one lock, reentrant so that listeners and visitors may call back. */
  final ReentrantLock lock = new ReentrantLock();

  private final EventQueue events;
  private boolean changing;
  private @Nullable Throwable broken;
  private int scanning;
  private @Nullable Throwable failure;

  CallGuard(EventQueue events) {
    this.events = events;
  }

  /** Refuses every call once a change has failed halfway. */
  void checkUsable() {
    if (broken != null) {
      throw new IllegalStateException(
          "engine is unusable: an earlier call failed halfway through a change ("
              + broken
              + "), so its indexes may disagree; build a new engine",
          broken);
    }
  }

  /** Refuses a change while a scan visits. */
  void checkNotScanning() {
    if (scanning > 0) {
      throw new IllegalStateException(
          "a scan's visitor must not change the engine, nor let "
              + "timeouts fall due: the engine is being scanned");
    }
  }

  /** Marks the start of a change: from here until {@link #endChange} a throwable breaks it. */
  void beginChange() {
    checkNotScanning();
    changing = true;
  }

  /** Marks the end of a change, which is then whole. */
  void endChange() {
    changing = false;
  }

  /** Marks the start of a scan's visits: until {@link #endScan}, no change may begin. */
  void beginScan() {
    scanning++;
  }

  /** Marks the end of a scan's visits. */
  void endScan() {
    scanning--;
  }

  /**
   * Records the current call's failure for {@link #exit}, and marks the engine unusable if the
   * failure came halfway through a change. Returns it as a runtime exception to throw; throws it
   * itself if it is an error.
   */
  RuntimeException failed(Throwable t) {
    failure = t;
    if (changing) {
      changing = false;
      broken = t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return t instanceof RuntimeException
        ? (RuntimeException) t
        : new IllegalStateException("unexpected failure", t);
  }

  /**
   * Delivers the queued events (unless an outer call on this thread is already delivering them),
   * then releases the lock. A listener's throwable is rethrown after every listener has heard every
   * event, the first one with the later ones suppressed; if the call itself failed, its own
   * exception wins and carries the listeners' as suppressed.
   */
  void exit() {
    Throwable own = failure;
    failure = null;
    Throwable heard;
    try {
      heard = events.deliver();
    } finally {
      lock.unlock();
    }
    if (heard == null) {
      return;
    }
    if (own != null) {
      own.addSuppressed(heard);
    } else if (heard instanceof Error) {
      throw (Error) heard;
    } else if (heard instanceof RuntimeException) {
      throw (RuntimeException) heard;
    } else {
      throw new IllegalStateException("a listener threw a checked exception", heard);
    }
  }
}
