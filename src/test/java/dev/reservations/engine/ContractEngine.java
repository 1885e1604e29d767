package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reservations.core.AccountSid;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationListener;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine of an example-based contract test, built as its {@link EngineConfig} says, with the
 * calls of {@link ReservationEngine} and the results the test expects from them under every
 * configuration, so that one test body checks every path:
 *
 * <ul>
 *   <li>Under {@link EngineConfig.Listeners#THROWING} a change commits, then rethrows the
 *       listener's failure. Each change's result is then taken from the events heard during the
 *       call (the new reservation, the one moved, those canceled or timed out), and before each
 *       call the timeouts due are applied by a read whose rethrown failure is dropped. Whatever the
 *       engine refuses, it refuses as it would otherwise.
 *   <li>Under {@link EngineConfig.Listeners#VALIDATING} every change's result is also taken from
 *       its events and must equal what the engine returned, so the recovery above is itself checked
 *       on every call.
 *   <li>Timeouts and, with a retention, the deletions of finished tasks fall due alike: both are
 *       applied by the read before each call.
 *   <li>Under {@link EngineConfig.Timeouts#OWN} every reservation made without a timeout is given
 *       its own, equal to the test's, while the engine's default is an hour longer: the same
 *       deadlines, kept by the deadline heap instead of the ring.
 * </ul>
 *
 * <p>The engine is registered with {@link InvariantsExtension}, so its invariants are checked after
 * each test. Not thread-safe, as a test is.
 */
final class ContractEngine {
  /** TaskRouter's default reservation timeout, which the engine's builder also takes. */
  static final Duration TWO_MINUTES = Duration.ofSeconds(120);

  private static final Duration OWN_DEFAULT_EXTRA = Duration.ofHours(1);

  private final EngineConfig config;
  private final ReservationEngine engine;
  private final Duration timeout;
  private final List<ReservationEvent> heard = new ArrayList<>();

  /**
   * An engine of {@code config} with {@code seed} (plus the configuration's offset), {@code clock}
   * and {@code timeout} as the timeout of a reservation made without one, whose listeners after the
   * configuration's are {@code listeners}.
   */
  ContractEngine(
      EngineConfig config,
      long seed,
      InstantSource clock,
      Duration timeout,
      ReservationListener... listeners) {
    this(config, seed, clock, timeout, null, listeners);
  }

  /**
   * As the constructor above, with {@code retention} (when not null) as the builder's {@code
   * deleteFinishedTasksAfter}.
   */
  ContractEngine(
      EngineConfig config,
      long seed,
      InstantSource clock,
      Duration timeout,
      @Nullable Duration retention,
      ReservationListener... listeners) {
    this.config = config;
    this.timeout = timeout;
    ReservationEngine.Builder builder =
        config
            .builder(seed, heard)
            .clock(clock)
            .reservationTimeout(
                config.timeouts() == EngineConfig.Timeouts.OWN
                    ? timeout.plus(OWN_DEFAULT_EXTRA)
                    : timeout);
    if (retention != null) {
      builder.deleteFinishedTasksAfter(retention);
    }
    for (ReservationListener listener : listeners) {
      builder.listener(listener);
    }
    this.engine = InvariantsExtension.track(builder.build());
  }

  /** {@return the engine itself, for the invariant checker and for calls this class lacks} */
  ReservationEngine engine() {
    return engine;
  }

  AccountSid accountSid() {
    return engine.accountSid();
  }

  Reservation reserve(
      WorkspaceSid workspaceSid, TaskSid taskSid, WorkerSid workerSid, String workerName) {
    if (config.timeouts() == EngineConfig.Timeouts.OWN) {
      return reserve(workspaceSid, taskSid, workerSid, workerName, timeout);
    }
    return change(
        () -> engine.reserve(workspaceSid, taskSid, workerSid, workerName),
        ContractEngine::created);
  }

  Reservation reserve(
      WorkspaceSid workspaceSid,
      TaskSid taskSid,
      WorkerSid workerSid,
      String workerName,
      Duration timeout) {
    return change(
        () -> engine.reserve(workspaceSid, taskSid, workerSid, workerName, timeout),
        ContractEngine::created);
  }

  Reservation accept(ReservationSid sid) {
    return change(() -> engine.accept(sid), events -> moved(events, sid));
  }

  Reservation reject(ReservationSid sid) {
    return change(() -> engine.reject(sid), events -> moved(events, sid));
  }

  Reservation wrap(ReservationSid sid) {
    return change(() -> engine.wrap(sid), events -> moved(events, sid));
  }

  Reservation complete(ReservationSid sid) {
    return change(() -> engine.complete(sid), events -> moved(events, sid));
  }

  Reservation timeout(ReservationSid sid) {
    return change(() -> engine.timeout(sid), events -> moved(events, sid));
  }

  Reservation update(ReservationSid sid, ReservationStatus target) {
    return change(() -> engine.update(sid, target), events -> moved(events, sid));
  }

  Reservation update(ReservationSid sid, ReservationStatus target, long expectedVersion) {
    return change(() -> engine.update(sid, target, expectedVersion), events -> moved(events, sid));
  }

  List<Reservation> cancelTask(TaskSid taskSid) {
    return change(
        () -> engine.cancelTask(taskSid), events -> of(events, ReservationEvent.Type.CANCELED));
  }

  /**
   * Deletes a task; under THROWING and VALIDATING the result is the task's reservations of the
   * {@code task.deleted} events heard during the call (a call may also delete other tasks whose
   * retention ran out).
   */
  List<Reservation> deleteTask(TaskSid taskSid) {
    return change(
        () -> engine.deleteTask(taskSid),
        events ->
            of(events, ReservationEvent.Type.DELETED).stream()
                .filter(r -> r.taskSid().equals(taskSid))
                .toList());
  }

  /** The one change that applies no timeouts first: applying them is what it does. */
  List<Reservation> expireDue() {
    return run(engine::expireDue, events -> of(events, ReservationEvent.Type.TIMEOUT));
  }

  Optional<Reservation> find(ReservationSid sid) {
    applyDueTimeouts();
    return engine.find(sid);
  }

  Reservation get(ReservationSid sid) {
    applyDueTimeouts();
    return engine.get(sid);
  }

  Page<Reservation> list(ReservationQuery query) {
    applyDueTimeouts();
    return engine.list(query);
  }

  int count(ReservationQuery query) {
    applyDueTimeouts();
    return engine.count(query);
  }

  int count(ReservationStatus status) {
    applyDueTimeouts();
    return engine.count(status);
  }

  int scan(ReservationQuery query, ReservationVisitor visitor) {
    applyDueTimeouts();
    return engine.scan(query, visitor);
  }

  int size() {
    applyDueTimeouts();
    return engine.size();
  }

  /**
   * Runs a change; under THROWING returns what its events say it did, and otherwise what it
   * returned, which under VALIDATING must be what its events say.
   */
  private <T> T change(Supplier<T> call, Function<List<ReservationEvent>, T> fromEvents) {
    applyDueTimeouts();
    return run(call, fromEvents);
  }

  private <T> T run(Supplier<T> call, Function<List<ReservationEvent>, T> fromEvents) {
    int before = heard.size();
    T result;
    try {
      result = call.get();
    } catch (EngineConfig.ListenerFailure failure) {
      if (config.listeners() != EngineConfig.Listeners.THROWING) {
        throw failure;
      }
      return fromEvents.apply(List.copyOf(heard.subList(before, heard.size())));
    }
    if (config.listeners() == EngineConfig.Listeners.VALIDATING) {
      assertEquals(
          result,
          fromEvents.apply(List.copyOf(heard.subList(before, heard.size()))),
          "the result recovered from the events of the call");
    }
    return result;
  }

  /** Under THROWING, applies the timeouts due and drops the failure their events rethrow. */
  private void applyDueTimeouts() {
    if (config.listeners() == EngineConfig.Listeners.THROWING) {
      try {
        engine.size();
      } catch (EngineConfig.ListenerFailure expected) {
        // the timeouts are applied and their events heard; only the rethrow is dropped
      }
    }
  }

  private static Reservation created(List<ReservationEvent> events) {
    List<Reservation> created = of(events, ReservationEvent.Type.CREATED);
    assertEquals(1, created.size(), "created events of one reserve: " + events);
    return created.get(0);
  }

  private static Reservation moved(List<ReservationEvent> events, ReservationSid sid) {
    List<Reservation> moved =
        events.stream()
            .map(ReservationEvent::reservation)
            .filter(r -> r.sid().equals(sid))
            .toList();
    assertEquals(1, moved.size(), "events of " + sid + " in one move: " + events);
    return moved.get(0);
  }

  private static List<Reservation> of(List<ReservationEvent> events, ReservationEvent.Type type) {
    return events.stream()
        .filter(e -> e.type() == type)
        .map(ReservationEvent::reservation)
        .toList();
  }
}
