package dev.reservations.http;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;

/**
 * A clock that moves only when told: the engine's {@link InstantSource} for tests and simulations
 * that want virtual time, and what {@code POST /__admin/Clock} drives.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * ReservationEngine engine = ReservationEngine.builder().clock(clock).build();
 * TaskRouterServer server = TaskRouterServer.builder(engine).clock(clock).port(0).start();
 * clock.advance(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>It never goes back: {@link #advance} takes a duration of zero or more, and {@link #set} an
 * instant no earlier than the current one. Thread-safe; every method is O(1) and atomic.
 */
public final class ManualClock implements InstantSource {
  private Instant now;

  /**
   * A clock reading {@code start} until it is moved.
   *
   * @param start the first reading
   * @throws NullPointerException if {@code start} is null
   */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** The current reading. */
  @Override
  public synchronized Instant instant() {
    return now;
  }

  /**
   * Moves the clock forward by {@code amount} and returns the new reading.
   *
   * @param amount how far to move, zero or more
   * @return the new reading, which {@link #instant()} returns until the next move
   * @throws NullPointerException if {@code amount} is null
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws ArithmeticException if the new reading overflows {@link Instant}
   */
  public synchronized Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "clock advance must be zero or more: %s", amount));
    }
    now = now.plus(amount);
    return now;
  }

  /**
   * Sets the clock to {@code instant} and returns it.
   *
   * @param instant the new reading, not before the current one
   * @return {@code instant}, now the current reading
   * @throws NullPointerException if {@code instant} is null
   * @throws IllegalArgumentException if {@code instant} is before the current reading
   */
  public synchronized Instant set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "clock must not go back: %s is before %s", instant, now));
    }
    now = instant;
    return now;
  }

  @Override
  public String toString() {
    return "ManualClock[" + instant() + "]";
  }
}
