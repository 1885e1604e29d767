package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statistical oracle: an M/M/c queue run on the engine in virtual time lands on the Erlang C
 * formula's probability of waiting and mean wait.
 *
 * <p><b>The run.</b> Tasks arrive as a Poisson process at rate λ and join one FIFO queue; c workers
 * serve them. When a worker is free and a task waits, the worker gets a reservation ({@code
 * reserve}), accepts it at once ({@code accept}) and completes it ({@code complete}) after an
 * exponential service time of rate μ. Nothing is rejected and nothing times out (the timeout is a
 * year). The engine drives the run: a task's wait is measured from the engine's {@code
 * reservation.accepted} event time, its service ends at that time plus the service draw, and a
 * worker becomes free only when the engine reports {@code reservation.completed}. So a lost,
 * doubled or misdated event, a refused reservation or a wrong count shows up in the statistics or
 * in the closing checks.
 *
 * <p><b>The tolerance.</b> The first {@value #WARM_UP} tasks are discarded: the queue starts empty,
 * and they span thousands of its relaxation times. The next {@value #MEASURED} are cut, in arrival
 * order, into {@value #BATCHES} batches of {@value #BATCH_SIZE} consecutive tasks. Each batch gives
 * the fraction of its tasks that waited and their mean wait; the estimates are the means of the
 * batch values, and their standard errors are s/√{@value #BATCHES}, with s the sample standard
 * deviation of the batch values. A batch spans hundreds of the queue's relaxation times (about
 * 1/(cμ(1−√ρ)²): 12 mean services at c = 1, ρ = 0.5, and 2 at c = 10, ρ = 0.8; a batch lasts 20,000
 * and 1,250 mean services), so the batch values are close to independent and normal, and (estimate
 * − truth)/SE follows Student's t with 29 degrees of freedom. The printed lag-1 correlation of the
 * batch values stays within its noise of ±0.18. The test allows {@value #STANDARD_ERRORS} standard
 * errors: P(|t<sub>29</sub>| &gt; 5) = 2.5·10<sup>−5</sup>, so a correct engine fails one of the
 * four comparisons for about one seed in 10,000, and the seeds are fixed. Over 12 other seeds per
 * point the largest deviation was 2.4 SE.
 *
 * <p><b>Power.</b> The tolerances come to 1.4% (c = 1) and 6.8% (c = 10) of the probability of
 * waiting, and 5.1% and 15% of the mean wait (at most 23% over the 12 other seeds); a check that
 * the tolerance stays under {@value #MAX_RELATIVE_TOLERANCE_PERCENT}% of the formula's value keeps
 * a shortened run from passing vacuously. A service rate 5% off either way puts every estimate 12
 * to 19 SE off, one worker too many 40 to 900 SE, and at c = 10 one worker too few 16 to 31 SE.
 *
 * <p>The two runs, with the invariant check after each, take about four seconds on two cores; their
 * size is fixed, so no result depends on the machine's speed.
 */
@ExtendWith(InvariantsExtension.class)
class ErlangCTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final int WARM_UP = 20_000;
  private static final int BATCHES = 30;
  private static final int BATCH_SIZE = 10_000;
  private static final int MEASURED = BATCHES * BATCH_SIZE;
  private static final double STANDARD_ERRORS = 5;
  private static final int MAX_RELATIVE_TOLERANCE_PERCENT = 35;
  private static final double MEAN_SERVICE_SECONDS = 60;

  static Stream<Arguments> points() {
    return Stream.of(Arguments.of(1, 0.5, 0x31_05L), Arguments.of(10, 0.8, 0x10_08L));
  }

  @ParameterizedTest(name = "c = {0}, rho = {1}")
  @MethodSource("points")
  void mmcQueueOnTheEngine_matchesErlangC(int workers, double utilisation, long seed) {
    double serviceRate = 1 / MEAN_SERVICE_SECONDS;
    double arrivalRate = utilisation * workers * serviceRate;
    MmcRun run = new MmcRun(workers, arrivalRate, serviceRate, seed);
    run.simulate(WARM_UP + MEASURED);

    assertAll(
        "the run went through the engine as planned",
        () -> assertEquals(0, run.engine.count(ReservationStatus.TIMEOUT), "timed out"),
        () -> assertEquals(0, run.engine.count(ReservationStatus.PENDING), "left pending"),
        () -> assertEquals(WARM_UP + MEASURED, run.engine.size(), "reservations"),
        () ->
            assertEquals(
                WARM_UP + MEASURED,
                run.engine.count(ReservationStatus.ACCEPTED)
                    + run.engine.count(ReservationStatus.COMPLETED),
                "accepted or completed"),
        () -> assertEquals(WARM_UP + MEASURED, run.accepts, "accepted events"),
        () ->
            assertEquals(
                run.completions,
                run.engine.count(ReservationStatus.COMPLETED),
                "completed events against completed reservations"));

    BatchMeans waited = new BatchMeans();
    BatchMeans wait = new BatchMeans();
    for (int b = 0; b < BATCHES; b++) {
      int waitedCount = 0;
      double waitSum = 0;
      for (int i = WARM_UP + b * BATCH_SIZE; i < WARM_UP + (b + 1) * BATCH_SIZE; i++) {
        long waitNanos = run.acceptedNanos[i] - run.arrivalNanos[i];
        waitedCount += waitNanos > 0 ? 1 : 0;
        waitSum += waitNanos / 1e9;
      }
      waited.add((double) waitedCount / BATCH_SIZE);
      wait.add(waitSum / BATCH_SIZE);
    }
    double expectedWaited = ErlangC.probabilityOfWaiting(workers, arrivalRate / serviceRate);
    double expectedWait = ErlangC.meanWait(workers, arrivalRate, serviceRate);
    String report =
        String.format(
            Locale.ROOT,
            "M/M/%d, rho %.2f, %,d tasks after %,d warm-up, seed %d:%n"
                + "  P(wait) %.5f, Erlang C %.5f, SE %.5f, tolerance %.5f (%.1f SE off),"
                + " batch lag-1 correlation %.2f%n"
                + "  W_q     %.3f s, Erlang C %.3f s, SE %.3f s, tolerance %.3f s (%.1f SE off),"
                + " batch lag-1 correlation %.2f",
            workers,
            utilisation,
            MEASURED,
            WARM_UP,
            seed,
            waited.mean(),
            expectedWaited,
            waited.standardError(),
            STANDARD_ERRORS * waited.standardError(),
            (waited.mean() - expectedWaited) / waited.standardError(),
            waited.lagOneCorrelation(),
            wait.mean(),
            expectedWait,
            wait.standardError(),
            STANDARD_ERRORS * wait.standardError(),
            (wait.mean() - expectedWait) / wait.standardError(),
            wait.lagOneCorrelation());
    System.out.println(report);

    assertAll(
        report,
        () -> assertWithin(expectedWaited, waited, "probability of waiting"),
        () -> assertWithin(expectedWait, wait, "mean wait in seconds"));
  }

  private static void assertWithin(double expected, BatchMeans measured, String what) {
    double tolerance = STANDARD_ERRORS * measured.standardError();
    assertEquals(
        expected,
        measured.mean(),
        tolerance,
        () ->
            String.format(
                Locale.ROOT,
                "%s: measured %.5f, Erlang C %.5f, more than %s standard errors (%.5f) apart",
                what,
                measured.mean(),
                expected,
                STANDARD_ERRORS,
                measured.standardError()));
    assertTrue(
        tolerance <= MAX_RELATIVE_TOLERANCE_PERCENT / 100.0 * expected,
        () ->
            String.format(
                Locale.ROOT,
                "%s: the run is too short to test anything, %s SE = %.5f is over %d%% of %.5f",
                what,
                STANDARD_ERRORS,
                tolerance,
                MAX_RELATIVE_TOLERANCE_PERCENT,
                expected));
  }

  @Test
  void probabilityOfWaiting_oneServer_isTheUtilisation() {
    for (double a : new double[] {0.01, 0.5, 0.8, 0.999}) {
      assertEquals(a, ErlangC.probabilityOfWaiting(1, a), 1e-15, "a = " + a);
    }
  }

  @Test
  void probabilityOfWaiting_twoServers_isTheClosedForm() {
    for (double a : new double[] {0.1, 1, 1.6, 1.99}) {
      assertEquals(a * a / (2 + a), ErlangC.probabilityOfWaiting(2, a), 1e-15, "a = " + a);
    }
  }

  @Test
  void probabilityOfWaiting_smallQueues_isTheTextbookSum() {
    int[] servers = {3, 10, 10, 50};
    double[] loads = {2.4, 8, 9.5, 45};
    for (int i = 0; i < servers.length; i++) {
      int c = servers[i];
      double a = loads[i];
      double sum = 0;
      double term = 1;
      for (int k = 0; k < c; k++) {
        sum += term;
        term *= a / (k + 1);
      }
      double last = term * c / (c - a);
      double expected = last / (sum + last);
      assertEquals(expected, ErlangC.probabilityOfWaiting(c, a), 1e-12, "c = " + c + ", a = " + a);
    }
  }

  @Test
  void probabilityOfWaiting_thousandsOfServers_matchesTheSumInLogSpace() {
    int c = 2_000;
    double a = 1_900;
    double[] logTerms = new double[c + 1];
    double logTerm = 0;
    for (int k = 0; k < c; k++) {
      logTerms[k] = logTerm;
      logTerm += Math.log(a / (k + 1));
    }
    logTerms[c] = logTerm + Math.log(c / (c - a));
    double max = Double.NEGATIVE_INFINITY;
    for (double t : logTerms) {
      max = Math.max(max, t);
    }
    double scaledSum = 0;
    for (double t : logTerms) {
      scaledSum += Math.exp(t - max);
    }
    double expected = Math.exp(logTerms[c] - max) / scaledSum;
    assertEquals(expected, ErlangC.probabilityOfWaiting(c, a), 1e-9);
  }

  @Test
  void meanWait_oneServer_isTheMm1Formula() {
    double lambda = 0.3;
    double mu = 0.5;
    assertEquals(lambda / (mu * (mu - lambda)), ErlangC.meanWait(1, lambda, mu), 1e-12);
  }

  @Test
  void probabilityOfWaiting_loadAtTheServers_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ErlangC.probabilityOfWaiting(10, 10));
    assertEquals(
        "offered load must lie between 0 and the number of servers, both excluded, for"
            + " a stable queue: 10.0 with 10 servers",
        e.getMessage());
  }

  @Test
  void probabilityOfWaiting_noServer_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ErlangC.probabilityOfWaiting(0, 0.5));
    assertEquals("an M/M/c queue needs at least one server: 0", e.getMessage());
  }

  @Test
  void meanWait_zeroServiceRate_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ErlangC.meanWait(1, 0.5, 0));
    assertEquals(
        "arrival and service rates must be positive: arrival rate 0.5, service rate 0.0",
        e.getMessage());
  }

  /** Batch values, their mean and the standard error of that mean. */
  private static final class BatchMeans {
    private final double[] values = new double[BATCHES];
    private int n;

    void add(double value) {
      values[n++] = value;
    }

    double mean() {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[i];
      }
      return sum / n;
    }

    double standardError() {
      double mean = mean();
      double squares = 0;
      for (int i = 0; i < n; i++) {
        squares += (values[i] - mean) * (values[i] - mean);
      }
      return Math.sqrt(squares / (n - 1) / n);
    }

    /** The correlation of successive batch values; near 0 when the batches are long enough. */
    double lagOneCorrelation() {
      double mean = mean();
      double squares = 0;
      double products = 0;
      for (int i = 0; i < n; i++) {
        squares += (values[i] - mean) * (values[i] - mean);
        if (i > 0) {
          products += (values[i] - mean) * (values[i - 1] - mean);
        }
      }
      return products / squares;
    }
  }

  /**
   * One M/M/c run on an engine. Tasks are numbered in arrival order, so the FIFO queue is the range
   * [{@code served}, {@code arrived}); workers wait in a FIFO of their own. The agenda holds the
   * pending completions; the next arrival is kept aside.
   */
  private static final class MmcRun {
    private final ReservationEngine engine;
    private final ManualClock clock = new ManualClock(START);
    private final SplittableRandom arrivals;
    private final SplittableRandom services;
    private final double meanArrivalGapSeconds;
    private final double meanServiceSeconds;
    private final ArrayDeque<Integer> idle = new ArrayDeque<>();
    private final PriorityQueue<Completion> agenda = new PriorityQueue<>();
    private long[] arrivalNanos = new long[0];
    private long[] acceptedNanos = new long[0];
    private int arrived;
    private int served;
    private int accepts;
    private int completions;
    private long sequence;

    MmcRun(int workers, double arrivalRate, double serviceRate, long seed) {
      if (workers < 1) {
        throw new IllegalArgumentException("an M/M/c run needs at least one worker: " + workers);
      }
      SplittableRandom random = new SplittableRandom(seed);
      this.arrivals = random.split();
      this.services = random.split();
      this.meanArrivalGapSeconds = 1 / arrivalRate;
      this.meanServiceSeconds = 1 / serviceRate;
      this.engine =
          InvariantsExtension.track(
              ReservationEngine.builder()
                  .seed(seed)
                  .clock(clock)
                  .reservationTimeout(Duration.ofDays(365))
                  .listener(this::onEvent)
                  .build());
      for (int w = 0; w < workers; w++) {
        idle.add(w);
      }
    }

    /** Runs until {@code tasks} tasks have arrived and each has had its reservation accepted. */
    void simulate(int tasks) {
      arrivalNanos = new long[tasks];
      acceptedNanos = new long[tasks];
      long nextArrival = nanos(exponential(arrivals, meanArrivalGapSeconds));
      while (served < tasks) {
        if (arrived < tasks && (agenda.isEmpty() || nextArrival < agenda.peek().at())) {
          clock.set(START.plusNanos(nextArrival));
          arrivalNanos[arrived++] = nextArrival;
          nextArrival += nanos(exponential(arrivals, meanArrivalGapSeconds));
        } else {
          Completion next = agenda.poll();
          clock.set(START.plusNanos(next.at()));
          engine.complete(next.sid());
        }
        dispatch();
      }
    }

    private void dispatch() {
      while (served < arrived && !idle.isEmpty()) {
        int w = idle.poll();
        Reservation r = engine.reserve(WS, task(served), worker(w), "worker-" + w);
        served++;
        engine.accept(r.sid());
      }
    }

    private void onEvent(ReservationEvent event) {
      Reservation r = event.reservation();
      long at = Duration.between(START, event.at()).toNanos();
      switch (event.type()) {
        case ACCEPTED:
          accepts++;
          acceptedNanos[(int) r.taskSid().low()] = at;
          agenda.add(
              new Completion(
                  at + nanos(exponential(services, meanServiceSeconds)), sequence++, r.sid()));
          break;
        case COMPLETED:
          completions++;
          idle.add((int) r.workerSid().low());
          break;
        default:
          break;
      }
    }

    private static double exponential(SplittableRandom random, double mean) {
      return -mean * Math.log(1 - random.nextDouble());
    }

    private static long nanos(double seconds) {
      return Math.round(seconds * 1e9);
    }
  }

  private record Completion(long at, long sequence, ReservationSid sid)
      implements Comparable<Completion> {
    @Override
    public int compareTo(Completion other) {
      int c = Long.compare(at, other.at);
      return c != 0 ? c : Long.compare(sequence, other.sequence);
    }
  }
}
