package dev.reservations.engine;

import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One engine configuration of the contract suite, as Caffeine's {@code @CacheSpec}: which listeners
 * the engine has, whether reservations take the default timeout or their own, and an offset to the
 * test's seed. Each configuration takes different paths through the engine (no listener builds no
 * reservation for a rescind; a per-reservation timeout goes to the deadline heap instead of the
 * ring; a throwing listener makes every change rethrow after its commit), and the behaviour tests
 * must hold on every one.
 *
 * @param listeners the listeners the engine gets
 * @param timeouts how reservations time out
 * @param seedOffset added to the test's own seed
 */
record EngineConfig(Listeners listeners, Timeouts timeouts, long seedOffset) {
  /** Which listeners an engine gets. */
  enum Listeners {
    /** None: moves nobody asked about build no reservation. */
    NONE,
    /** One that checks every event it hears against the state machine. */
    VALIDATING,
    /** The validating one, then one that throws after every event it hears. */
    THROWING
  }

  /** How reservations time out. */
  enum Timeouts {
    /** Every reservation takes the engine's default: the deadline ring. */
    DEFAULT,
    /** Some take their own timeout: the deadline heap beside the ring (model-based harness). */
    MIXED,
    /**
     * Each takes its own timeout, the one the test means, while the engine's default is another:
     * the same deadlines, all in the deadline heap ({@link ContractEngine}).
     */
    OWN
  }

  /** What the throwing listener throws; tests that run with it expect it after each change. */
  static final class ListenerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailure(ReservationEvent event) {
      super("listener fails on purpose after " + event.type().eventName(), null, false, false);
    }
  }

  /**
   * The configurations every example-based behaviour test runs across, through {@link
   * ContractEngine}: every listener mode, the default timeout and the reservation's own, two seeds.
   */
  static Stream<EngineConfig> behaviour() {
    List<EngineConfig> all = new ArrayList<>();
    for (Listeners listeners : Listeners.values()) {
      for (Timeouts timeouts : List.of(Timeouts.DEFAULT, Timeouts.OWN)) {
        for (long offset : new long[] {0, 1_000}) {
          all.add(new EngineConfig(listeners, timeouts, offset));
        }
      }
    }
    return all.stream();
  }

  /**
   * The configurations of the model-based harness: every listener mode, default and mixed timeouts.
   */
  static Stream<EngineConfig> model() {
    List<EngineConfig> all = new ArrayList<>();
    for (Listeners listeners : Listeners.values()) {
      for (Timeouts timeouts : List.of(Timeouts.DEFAULT, Timeouts.MIXED)) {
        all.add(new EngineConfig(listeners, timeouts, 0));
      }
    }
    return all.stream();
  }

  /**
   * A builder with {@code seed} (plus the offset) and this configuration's listeners; the
   * validating one adds every event it hears to {@code heard}, which stays empty without it.
   */
  ReservationEngine.Builder builder(long seed, List<ReservationEvent> heard) {
    ReservationEngine.Builder builder = ReservationEngine.builder().seed(seed + seedOffset);
    if (listeners != Listeners.NONE) {
      builder.listener(new ValidatingListener(heard));
    }
    if (listeners == Listeners.THROWING) {
      builder.listener(
          event -> {
            throw new ListenerFailure(event);
          });
    }
    return builder;
  }

  /** The timeout of a reservation made with this configuration: some differ under MIXED. */
  Duration timeoutOf(int n, Duration defaultTimeout) {
    return timeouts == Timeouts.MIXED && n % 3 == 1
        ? defaultTimeout.plusSeconds(1 + n % 7)
        : defaultTimeout;
  }

  @Override
  public String toString() {
    return listeners + "/" + timeouts + "/seed+" + seedOffset;
  }

  /**
   * Checks each event as it comes: its time is its reservation's date updated, a created event has
   * no previous status and version 0, any other is a legal move to the status it names; but a
   * deleted event names the reservation as it was, its status as the previous status, at or after
   * its date updated.
   */
  static final class ValidatingListener implements ReservationListener {
    private final List<ReservationEvent> heard;

    ValidatingListener(List<ReservationEvent> heard) {
      this.heard = heard;
    }

    @Override
    public void onEvent(ReservationEvent event) {
      heard.add(event);
      if (event.type() == ReservationEvent.Type.DELETED) {
        if (event.previousStatus() != event.reservation().status()
            || event.at().isBefore(event.reservation().dateUpdated())) {
          throw new AssertionError(
              "a deleted event names the reservation as it was, at or after its last change: "
                  + event);
        }
        return;
      }
      if (!event.at().equals(event.reservation().dateUpdated())) {
        throw new AssertionError(
            "event at "
                + event.at()
                + " but reservation updated "
                + event.reservation().dateUpdated());
      }
      if (event.type() == ReservationEvent.Type.CREATED) {
        if (event.previousStatus() != null || event.reservation().version() != 0) {
          throw new AssertionError("created event of a moved reservation: " + event);
        }
      } else if (event.previousStatus() == null
          || !event.previousStatus().canMoveTo(event.reservation().status())
          || ReservationEvent.Type.entering(event.reservation().status()) != event.type()) {
        throw new AssertionError("event is no legal move: " + event);
      }
    }
  }
}
