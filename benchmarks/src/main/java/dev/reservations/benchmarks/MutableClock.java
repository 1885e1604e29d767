package dev.reservations.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told: the benchmarks advance it by one millisecond per operation
 * while loading, so dates created differ. Thread-safe; reads are a volatile load. A reading of an
 * unchanged clock returns the same {@code Instant}, so that reading it allocates nothing and the
 * stores' allocation figures are their own.
 */
public final class MutableClock implements InstantSource {
  /** 2024-01-01T00:00:00Z in epoch nanoseconds. */
  public static final long START_NANOS = 1_704_067_200_000_000_000L;

  private final AtomicLong nanos = new AtomicLong(START_NANOS);
  private volatile Instant last = Times.instant(START_NANOS);

  @Override
  public Instant instant() {
    long now = nanos.get();
    Instant cached = last;
    if (cached.getEpochSecond() == Math.floorDiv(now, 1_000_000_000L)
        && cached.getNano() == Math.floorMod(now, 1_000_000_000L)) {
      return cached;
    }
    Instant fresh = Times.instant(now);
    last = fresh;
    return fresh;
  }

  @Override
  public long millis() {
    return Math.floorDiv(nanos.get(), 1_000_000L);
  }

  /** The current reading in epoch nanoseconds. */
  public long nanos() {
    return nanos.get();
  }

  /** Moves the clock forward by {@code step} and returns the new reading in epoch nanoseconds. */
  public long advance(Duration step) {
    return nanos.addAndGet(step.toNanos());
  }

  /** Moves the clock forward by {@code stepNanos}; returns the new reading. */
  public long advanceNanos(long stepNanos) {
    return nanos.addAndGet(stepNanos);
  }

  /** Sets the clock to {@code epochNanos}, which must not be before the current reading. */
  public void set(long epochNanos) {
    long now = nanos.get();
    if (epochNanos < now) {
      throw new IllegalArgumentException("clock must not go back: " + epochNanos + " < " + now);
    }
    nanos.set(epochNanos);
  }
}
