package dev.reservations.benchmarks;

import dev.reservations.core.AccountSid;
import dev.reservations.core.ReservationSid;

/** Seeded SplitMix64 sids for the competitors, which have no sid scheme of their own. */
final class SidSource {
  private long state;

  SidSource(long seed) {
    this.state = seed;
  }

  long next() {
    long z = (state += 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  ReservationSid reservation() {
    return new ReservationSid(next(), next());
  }

  AccountSid account() {
    return new AccountSid(next(), next());
  }
}
