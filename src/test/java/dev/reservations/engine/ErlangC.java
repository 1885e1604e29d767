package dev.reservations.engine;

import java.util.Locale;

/**
 * The Erlang C formula for an M/M/c queue: Poisson arrivals at rate λ, c servers, exponential
 * service at rate μ, offered load a = λ/μ below c.
 *
 * <p>It is computed through the Erlang B recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), then
 * C = c·B(c) / (c − a·(1 − B(c))). Every step stays in [0, 1], so nothing overflows however large c
 * and a are, where the textbook sum, with a<sup>k</sup> and k! computed apart, overflows a double
 * from c = 171. O(c); stateless.
 */
final class ErlangC {
  private ErlangC() {}

  /**
   * The probability that an arriving task waits, C(c, a).
   *
   * @throws IllegalArgumentException unless {@code servers} is positive and {@code offeredLoad}
   *     lies in (0, servers)
   */
  static double probabilityOfWaiting(int servers, double offeredLoad) {
    if (servers < 1) {
      throw new IllegalArgumentException("an M/M/c queue needs at least one server: " + servers);
    }
    if (!(offeredLoad > 0 && offeredLoad < servers)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "offered load must lie between 0 and the number of servers, both excluded, for a"
                  + " stable queue: %s with %d servers",
              offeredLoad,
              servers));
    }
    double b = 1;
    for (int k = 1; k <= servers; k++) {
      b = offeredLoad * b / (k + offeredLoad * b);
    }
    return servers * b / (servers - offeredLoad * (1 - b));
  }

  /**
   * The mean wait in the queue, W<sub>q</sub> = C(c, a) / (cμ − λ), in the unit of time of the
   * rates.
   *
   * @throws IllegalArgumentException as {@link #probabilityOfWaiting}, or unless both rates are
   *     positive
   */
  static double meanWait(int servers, double arrivalRate, double serviceRate) {
    if (!(arrivalRate > 0 && serviceRate > 0)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "arrival and service rates must be positive: arrival rate %s, service rate %s",
              arrivalRate,
              serviceRate));
    }
    return probabilityOfWaiting(servers, arrivalRate / serviceRate)
        / (servers * serviceRate - arrivalRate);
  }
}
