package dev.reservations.engine;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM with a small heap: fills the heap with ballast, reserves until an {@code
 * OutOfMemoryError} strikes, frees the ballast, and checks that the engine either kept every
 * invariant and still works, or refuses every call with an {@code IllegalStateException}. Prints
 * one line per round and {@code N of N rounds} at the end; exits 1 on the first wrong answer. Where
 * the error struck is the first frame of the engine in its stack trace. Used by {@code
 * dev.reservations.issues.OutOfMemoryInReserveTest}.
 */
public final class OutOfMemoryProbe {
  private static final WorkspaceSid WS = new WorkspaceSid(0, 1);
  private static List<byte[]> ballast = new ArrayList<>();

  private OutOfMemoryProbe() {}

  /**
   * Runs rounds {@code args[0]} to {@code args[1]}; each child JVM should run one, since a JVM
   * gives only its first few {@code OutOfMemoryError}s a stack trace.
   *
   * @param args the first and the last round
   */
  public static void main(String[] args) {
    int from = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]) - from + 1;
    int good = 0;
    int inEngine = 0;
    for (int round = from; round < from + rounds; round++) {
      ReservationEngine engine = ReservationEngine.builder().seed(round).build();
      int n = 0;
      for (; n < 20_000 * round; n++) {
        engine.reserve(WS, new TaskSid(round, n / 3), new WorkerSid(round, n % 997), "w");
      }
      String where = "nowhere";
      fill();
      try {
        for (long i = 0; ; i++, n++) {
          engine.reserve(WS, new TaskSid(round, n / 3), new WorkerSid(round, n % 4099), "w" + i);
        }
      } catch (OutOfMemoryError e) {
        ballast = new ArrayList<>();
        where = "the probe";
        for (StackTraceElement frame : e.getStackTrace()) {
          if (frame.getClassName().startsWith("dev.reservations.engine.")
              && !frame.getClassName().endsWith("OutOfMemoryProbe")) {
            where =
                frame.getClassName().substring("dev.reservations.engine.".length())
                    + "."
                    + frame.getMethodName();
            inEngine++;
            break;
          }
        }
      }
      String verdict = verdict(engine, round);
      System.out.println("round " + round + ": out of memory in " + where + ", engine " + verdict);
      if (verdict.startsWith("wrong")) {
        System.exit(1);
      }
      good++;
    }
    System.out.println(
        good
            + " of "
            + rounds
            + " rounds consistent or refused; "
            + inEngine
            + " failed inside the engine");
  }

  private static void fill() {
    try {
      while (true) {
        ballast.add(new byte[64 * 1024]);
      }
    } catch (OutOfMemoryError e) {
      // leave a little room, less than the engine's next growth needs
      for (int i = 0; i < 6 && !ballast.isEmpty(); i++) {
        ballast.remove(ballast.size() - 1);
      }
    }
  }

  private static String verdict(ReservationEngine engine, int round) {
    int size;
    try {
      size = engine.size();
    } catch (IllegalStateException refused) {
      try {
        engine.list(dev.reservations.query.ReservationQuery.forWorker(WS, new WorkerSid(round, 1)));
        return "wrong: refused size() but answered list()";
      } catch (IllegalStateException alsoRefused) {
        return "refused every call: " + refused.getMessage();
      }
    }
    try {
      EngineInvariants.check(engine);
      int sum = 0;
      for (ReservationStatus s : ReservationStatus.values()) {
        sum += engine.count(s);
      }
      if (sum != size) {
        return "wrong: counts sum to " + sum + ", size is " + size;
      }
      TaskSid task = new TaskSid(round, 1_000_000_000);
      Reservation a = engine.reserve(WS, task, new WorkerSid(round, 1), "a");
      engine.reserve(WS, task, new WorkerSid(round, 2), "b");
      engine.accept(a.sid());
      if (engine.count(ReservationStatus.RESCINDED) < 1 || engine.size() != size + 2) {
        return "wrong: accept after the failure did not rescind";
      }
      EngineInvariants.check(engine);
      return "consistent, " + engine.size() + " reservations";
    } catch (RuntimeException e) {
      return "wrong: " + e;
    }
  }
}
