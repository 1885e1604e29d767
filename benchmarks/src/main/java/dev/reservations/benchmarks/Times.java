package dev.reservations.benchmarks;

import java.time.Instant;

/** Conversions between {@link Instant} and epoch nanoseconds, the competitors' stored form. */
final class Times {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Times() {}

  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
        Math.floorMod(epochNanos, NANOS_PER_SECOND));
  }

  static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND),
        instant.getNano());
  }
}
