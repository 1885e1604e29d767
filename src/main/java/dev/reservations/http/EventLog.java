package dev.reservations.http;

import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A bounded, numbered log of an engine's events: a {@link ReservationListener} to give the engine's
 * builder, and what {@code GET /__admin/Events} reads.
 *
 * <pre>{@code
 * EventLog events = new EventLog();
 * ReservationEngine engine = ReservationEngine.builder().listener(events).build();
 * TaskRouterServer server = TaskRouterServer.builder(engine).eventLog(events).port(0).start();
 * }</pre>
 *
 * <p>Each event gets the next sequence number, from 1, in the order the engine delivers them, which
 * is commit order. The log keeps the latest {@link #capacity()} events (10,000 by default) and
 * drops the oldest beyond that; {@link #oldest()} says where it starts, so a reader can tell that
 * it missed some. Thread-safe: one lock guards the log; {@link #onEvent} is O(1), {@link #after}
 * O(events held).
 */
public final class EventLog implements ReservationListener {
  /** The capacity of {@link #EventLog()}. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /** The largest capacity. */
  public static final int MAX_CAPACITY = 1_000_000;

  /**
   * One logged event. Immutable.
   *
   * @param sequence its number in the log, from 1
   * @param event the engine's event
   */
  public record Entry(long sequence, ReservationEvent event) {
    /**
     * Checks the components.
     *
     * @param sequence its number in the log, from 1
     * @param event the engine's event
     * @throws NullPointerException if {@code event} is null
     * @throws IllegalArgumentException if {@code sequence} is less than 1
     */
    public Entry {
      Objects.requireNonNull(event, "event");
      if (sequence < 1) {
        throw new IllegalArgumentException("event sequence must be 1 or more: " + sequence);
      }
    }
  }

  private final int capacity;
  private final ArrayDeque<Entry> entries;
  private long latest;

  /** A log of the latest {@value #DEFAULT_CAPACITY} events. */
  public EventLog() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A log of the latest {@code capacity} events.
   *
   * @param capacity how many events to keep at most; the oldest is dropped past it
   * @throws IllegalArgumentException unless {@code capacity} is between 1 and {@value
   *     #MAX_CAPACITY}
   */
  public EventLog(int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "event log capacity must be between 1 and %d: %d",
              MAX_CAPACITY,
              capacity));
    }
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /** {@return how many events the log keeps at most} */
  public int capacity() {
    return capacity;
  }

  /** Logs {@code event} under the next sequence number, dropping the oldest if full. */
  @Override
  public synchronized void onEvent(ReservationEvent event) {
    Objects.requireNonNull(event, "event");
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    latest++;
    entries.addLast(new Entry(latest, event));
  }

  /** {@return the sequence number of the latest event logged; 0 before the first} */
  public synchronized long latest() {
    return latest;
  }

  /**
   * {@return the sequence number of the oldest event still held; {@code latest() + 1} when empty}
   */
  public synchronized long oldest() {
    return entries.isEmpty() ? latest + 1 : entries.getFirst().sequence();
  }

  /**
   * The events after sequence number {@code after}, oldest first, at most {@code max} of them.
   * Events already dropped are not returned: compare the first one's sequence with {@code after +
   * 1}, or {@link #oldest()}, to tell. Holds the log's lock while it walks past the skipped entries
   * and copies the rest: O(skipped + returned).
   *
   * @param after the sequence number to read after, 0 or more; 0 reads from the oldest held
   * @param max the largest number of events returned, 1 or more
   * @return an immutable list of at most {@code max} entries, empty if none is after {@code after}
   * @throws IllegalArgumentException if {@code after} is negative or {@code max} less than 1
   */
  public synchronized List<Entry> after(long after, int max) {
    if (after < 0) {
      throw new IllegalArgumentException("event sequence must be 0 or more: " + after);
    }
    if (max < 1) {
      throw new IllegalArgumentException("event count must be 1 or more: " + max);
    }
    List<Entry> out = new ArrayList<>(Math.min(max, 64));
    if (entries.isEmpty() || after >= latest) {
      return List.copyOf(out);
    }
    long first = entries.getFirst().sequence();
    long skip = Math.max(0, after - first + 1);
    Iterator<Entry> it = entries.iterator();
    for (long i = 0; i < skip; i++) {
      it.next();
    }
    while (it.hasNext() && out.size() < max) {
      out.add(it.next());
    }
    return List.copyOf(out);
  }
}
