package dev.reservations.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A competitor loaded with the seeded {@link Dataset} of {@code n} reservations in one
 * {@link Dataset.Shape}, once per trial. 10,000,000 runs only for ENGINE and NAIVE: pass
 * {@code -p store=ENGINE,NAIVE -p n=10000000}.
 */
@State(Scope.Benchmark)
public class LoadedStore {
  @Param({"ENGINE", "CQENGINE", "CQENGINE_EXPERT", "H2", "NAIVE"})
  public Competitor store;

  @Param({"SKEWED", "UNIFORM"})
  public Dataset.Shape shape;

  @Param({"100000", "1000000"})
  public int n;

  public Dataset data;
  public MutableClock clock;
  public ReservationStore target;

  @Setup(Level.Trial)
  public void load() {
    if (!store.supports(n)) {
      throw new IllegalArgumentException(store + " does not run at n = " + n);
    }
    data = Dataset.create(n, shape, Dataset.SEED);
    clock = new MutableClock();
    target = store.create(data.workspace(), clock, Dataset.SEED);
    long start = System.nanoTime();
    data.fill(target, clock);
    System.out.printf("%nloaded %,d %s reservations into %s in %.1f s%n", target.size(), shape,
        store, (System.nanoTime() - start) / 1e9);
  }

  @TearDown(Level.Trial)
  public void close() {
    target.close();
  }
}
