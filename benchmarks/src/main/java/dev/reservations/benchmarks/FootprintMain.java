package dev.reservations.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Retained heap per reservation after loading the seeded data set into each competitor: the bytes
 * of live objects (the JVM's class histogram, which runs a full GC first), before and after the
 * load, divided by the reservations held. That is the retained size a heap dump would show.
 * Beside it, the used heap after repeated full GCs, which also counts what G1 rounds up: an array
 * larger than half a region takes whole regions of its own. Indexes and all the store's own
 * objects count; the data set's worker sids and names, shared with the caller, do not (which
 * favours the competitors that keep references to them).
 *
 * <p>Run one competitor per JVM, so nothing of a previous one lingers:
 * {@code java -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar
 * dev.reservations.benchmarks.FootprintMain 1000000 ENGINE} (competitor names: ENGINE, CQENGINE,
 * CQENGINE_EXPERT, H2, NAIVE; several run one after another in the same JVM). With {@code
 * --task-per-reservation} before the names, the data set gives each reservation a task of its own
 * ({@link Dataset#taskPerReservation}) instead of four reservations a task. Prints one line per
 * competitor: {@code footprint <competitor> [task-per-reservation] n=<n>
 * bytes/reservation=<live> used-heap/reservation=<used>}.
 */
public final class FootprintMain {
  private FootprintMain() {}

  public static void main(String[] args) throws InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    List<Competitor> competitors = new ArrayList<>();
    boolean taskPerReservation = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--task-per-reservation")) {
        taskPerReservation = true;
      } else {
        competitors.add(Competitor.valueOf(args[i].toUpperCase(Locale.ROOT)));
      }
    }
    if (competitors.isEmpty()) {
      competitors.addAll(List.of(Competitor.values()));
    }
    for (Competitor c : competitors) {
      measure(c, n, taskPerReservation);
    }
  }

  private static void measure(Competitor competitor, int n, boolean taskPerReservation)
      throws InterruptedException {
    Dataset data = taskPerReservation
        ? Dataset.taskPerReservation(n, Dataset.SEED)
        : Dataset.create(n, Dataset.SEED);
    MutableClock clock = new MutableClock();
    long before = settledHeap();
    long liveBefore = liveBytes();
    ReservationStore store = competitor.create(data.workspace(), clock, Dataset.SEED);
    data.fill(store, clock);
    long after = settledHeap();
    long liveAfter = liveBytes();
    int size = store.size();
    Reference.reachabilityFence(store);
    System.out.printf(Locale.ROOT, "footprint %s%s n=%d bytes/reservation=%.1f "
            + "used-heap/reservation=%.1f (live objects %,d B, used heap %,d B)%n",
        competitor, taskPerReservation ? " task-per-reservation" : "", size, (liveAfter - liveBefore) / (double) size,
        (after - before) / (double) size, liveAfter - liveBefore, after - before);
    store.close();
    Reference.reachabilityFence(data);
  }

  /** The bytes of all live objects, from the class histogram's total line. */
  static long liveBytes() {
    String histogram;
    try {
      histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {null}, new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException("class histogram is not available", e);
    }
    String total = histogram.strip().lines().reduce((a, b) -> b).orElse("");
    String[] fields = total.trim().split("\\s+");
    if (fields.length != 3 || !fields[0].equals("Total")) {
      throw new IllegalStateException("class histogram must end with a Total line: " + total);
    }
    return Long.parseLong(fields[2]);
  }

  static long settledHeap() throws InterruptedException {
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
