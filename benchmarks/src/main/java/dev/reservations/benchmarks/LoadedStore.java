package dev.reservations.benchmarks;

import org.jspecify.annotations.Nullable;
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
 *
 * <p>With {@code -Dreservations.reuseLoads=true} and {@code -f 0} (every trial of the JMH run in
 * one JVM), a trial whose store, shape and n are those of the previous trial takes over its
 * loaded store instead of loading another: {@code run.sh quick} runs the reads of one store and
 * shape that way, since loading a million reservations into H2 takes minutes on shared cores.
 * The trials then share the JVM, its JIT profile and the store, later ones seeing what earlier
 * ones wrote (the reads write nothing).
 */
@State(Scope.Benchmark)
public class LoadedStore {
  @Param({"ENGINE", "CQENGINE", "CQENGINE_EXPERT", "H2", "NAIVE"})
  public Competitor store;

  @Param({"SKEWED", "UNIFORM"})
  public Dataset.Shape shape;

  @Param({"100000", "1000000"})
  public int n;

  private static final boolean REUSE = Boolean.getBoolean("reservations.reuseLoads");
  private static @Nullable LoadedStore previous;

  public Dataset data;
  public MutableClock clock;
  public ReservationStore target;

  @Setup(Level.Trial)
  public void load() {
    if (!store.supports(n)) {
      throw new IllegalArgumentException(store + " does not run at n = " + n);
    }
    LoadedStore last = previous;
    if (last != null && last.store == store && last.shape == shape && last.n == n) {
      data = last.data;
      clock = last.clock;
      target = last.target;
      System.out.printf("%nreusing the loaded %,d %s reservations of %s%n", target.size(), shape,
          store);
      return;
    }
    if (last != null) {
      last.target.close();
      previous = null;
    }
    data = Dataset.create(n, shape, Dataset.SEED);
    clock = new MutableClock();
    target = store.create(data.workspace(), clock, Dataset.SEED);
    long start = System.nanoTime();
    data.fill(target, clock);
    System.out.printf("%nloaded %,d %s reservations into %s in %.1f s%n", target.size(), shape,
        store, (System.nanoTime() - start) / 1e9);
    if (REUSE) {
      previous = this;
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    if (!REUSE) {
      target.close();
    }
  }
}
