package dev.reservations.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Retained heap per reservation after loading the seeded data set into each competitor: the used
 * heap after repeated full GCs, before and after the load, divided by the reservations held.
 * Indexes and all the store's own objects count; the data set's worker sids and names, shared with
 * the caller, do not (which favours the competitors that keep references to them).
 *
 * <p>Run one competitor per JVM, so nothing of a previous one lingers:
 * {@code java -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar
 * dev.reservations.benchmarks.FootprintMain 1000000 ENGINE} (competitor names: ENGINE, CQENGINE,
 * H2, NAIVE; several run one after another in the same JVM). Prints one line per competitor:
 * {@code footprint <competitor> n=<n> bytes/reservation=<b>}.
 */
public final class FootprintMain {
  private FootprintMain() {}

  public static void main(String[] args) throws InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    List<Competitor> competitors = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      competitors.add(Competitor.valueOf(args[i].toUpperCase(Locale.ROOT)));
    }
    if (competitors.isEmpty()) {
      competitors.addAll(List.of(Competitor.values()));
    }
    for (Competitor c : competitors) {
      measure(c, n);
    }
  }

  private static void measure(Competitor competitor, int n) throws InterruptedException {
    Dataset data = Dataset.create(n, Dataset.SEED);
    MutableClock clock = new MutableClock();
    long before = settledHeap();
    ReservationStore store = competitor.create(data.workspace(), clock, Dataset.SEED);
    data.fill(store, clock);
    long after = settledHeap();
    int size = store.size();
    Reference.reachabilityFence(store);
    System.out.printf(Locale.ROOT, "footprint %s n=%d bytes/reservation=%.1f (retained %,d B)%n",
        competitor, size, (after - before) / (double) size, after - before);
    store.close();
    Reference.reachabilityFence(data);
  }

  private static long settledHeap() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
